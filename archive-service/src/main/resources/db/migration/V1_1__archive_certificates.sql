-- E-certificate registry (电子证照库). Status is VALID or REVOKED here; EXPIRED is derived from valid_until when read.
create table archive_certificate (
    id                uuid          primary key,
    type              varchar(64)   not null,
    number            varchar(128)  not null,
    holder            varchar(128)  not null,
    issuer            varchar(256)  not null,
    issued_at         timestamptz   not null,
    valid_until       timestamptz,
    status            varchar(8)    not null default 'VALID' check (status in ('VALID', 'REVOKED')),
    status_reason     varchar(1000),
    status_changed_at timestamptz,
    sha256            char(64)      not null,
    size_bytes        bigint        not null,
    bucket            varchar(63)   not null,
    object_key        varchar(1024) not null,
    version_id        varchar(1024),
    retention_class   varchar(32)   not null,
    retain_until      timestamptz   not null,
    store_locked      boolean       not null,
    registered_at     timestamptz   not null,
    constraint archive_certificate_number_unique unique (type, number),
    constraint archive_certificate_object_unique unique (bucket, object_key),
    constraint archive_certificate_revocation check ((status = 'REVOKED') = (status_changed_at is not null))
);
create index archive_certificate_holder on archive_certificate (holder);

-- Objects written whose registration failed: candidates for reconciliation, never silently forgotten.
create table archive_orphan (
    id          bigserial     primary key,
    bucket      varchar(63)   not null,
    object_key  varchar(1024) not null,
    sha256      char(64)      not null,
    reason      varchar(1000) not null,
    recorded_at timestamptz   not null,
    resolved_at timestamptz,
    resolution  varchar(32)   check (resolution in ('REGISTERED', 'DELETED', 'GONE'))
);
create unique index archive_orphan_open on archive_orphan (bucket, object_key) where resolved_at is null;
