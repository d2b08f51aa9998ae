/**
 * The words a rule pack's DRL may use: the facts an evaluation inserts ({@link Applicant}, {@link Form},
 * {@link Records}, {@link Options}, {@link Upload}, {@link ECertificate}) and the findings a rule inserts
 * ({@link Reason}, {@link Requirement}, {@link Reuse}, {@link Visit}, {@link Suggestion}, {@link Fee},
 * {@link TimeLimit}). Every finding is made from its rule's metadata with {@code X.of(drools.getRule())},
 * so a {@code then} block only inserts and the texts stay beside the condition they explain.
 */
package tongban.rules.vocabulary;
