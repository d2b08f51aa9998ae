package tongban.supervision;

import tongban.audit.Audited;

/** A supervisor published a draw, fixed its seed or recorded an inspection's result. */
record SupervisionAudited(String actor, String action, String target, Object detail) implements Audited {
}
