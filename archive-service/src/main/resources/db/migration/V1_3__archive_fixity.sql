-- Fixity audits: each run and what it found.
create table archive_audit_run (
    id              uuid        primary key,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    state           varchar(8)  not null check (state in ('RUNNING', 'FINISHED', 'FAILED')),
    objects_checked bigint      not null default 0,
    bytes_read      bigint      not null default 0,
    failure         varchar(1000)
);

create table archive_audit_finding (
    run_id     uuid          not null references archive_audit_run (id) on delete cascade,
    seq        integer       not null,
    kind       varchar(16)   not null check (kind in ('MISSING', 'MISMATCH', 'BAG_INVALID', 'UNREADABLE')),
    bucket     varchar(63)   not null,
    object_key varchar(1024) not null,
    record_id  uuid          not null,
    detail     varchar(2000) not null,
    primary key (run_id, seq)
);
