package tongban.archive;

/** Compares the store with the registry, and cleans orphans (对账). */
public interface Reconciliation {

    /** Lists both buckets and the registry; changes nothing but closing orphan records whose object is gone. */
    ReconciliationReport reconcile();

    /**
     * Reconciles, then deletes the orphans older than the configured grace period (younger ones may belong to a
     * store in progress). A store under Object Lock refuses, and the orphan stays reported.
     */
    ReconciliationReport cleanOrphans();
}
