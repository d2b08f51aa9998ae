package tongban.policy;

import tongban.audit.Audited;

/**
 * A policy officer read a pack's statistics or scenarios, or previewed a candidate: audited as every read and action
 * of the workbench is. {@code target} is {@code rule-pack/<item>}; {@code detail} holds counts and versions, never
 * an applicant's data.
 */
record PolicyAction(String actor, String action, String target, Object detail) implements Audited {

    static PolicyAction on(String actor, String action, String item, Object detail) {
        return new PolicyAction(actor, action, "rule-pack/" + item, detail);
    }
}
