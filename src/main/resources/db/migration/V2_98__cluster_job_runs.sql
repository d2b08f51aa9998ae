-- The scheduled runs of the jobs that must run once across all nodes (fixity audit, renewal): every node's schedule
-- fires at the same times, and the node that records a fire time here runs it; the others find it taken and skip,
-- however long after (a clock a little behind, a busy node) their own schedule fires.
create table cluster_job_run (
    job        text        not null,
    period     timestamptz not null,
    run_id     uuid        not null unique,
    node       text        not null,
    claimed_at timestamptz not null default now(),
    primary key (job, period)
);
