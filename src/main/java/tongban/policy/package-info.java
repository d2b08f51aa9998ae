/**
 * The policy officer's workbench (政策制定者工作台, role POLICY): per rule pack its version, its scenarios with their
 * coverage, anonymised statistics of real use ({@code GET /api/v1/rule-packs/{item}/stats}), and the impact preview of
 * a changed pack on recent real decisions before it is published ({@code POST /api/v1/rule-packs/{item}/preview}).
 * The rules engine is used through {@link tongban.rules.RulePacks}; applications are read as counts and as the facts
 * and decisions of anonymous cases, never with who applied.
 */
package tongban.policy;
