/**
 * The seal service (印章服务) inside the application: which departments seal (from the rule packs), where their
 * keys are (configuration), and the public endpoints a verifier needs — trust anchors, the local timestamp
 * authority and CRLs of the embedded default — plus the operator's seal registry.
 */
package tongban.seals;
