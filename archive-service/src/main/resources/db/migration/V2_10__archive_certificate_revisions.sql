-- Renewed revisions (续期修订) of archived certificates and notices: each is the revision before it with one
-- incremental update appended (validation data and a new archive timestamp). Revision 1 is the row of
-- archive_certificate itself; nothing is overwritten, and each revision names the one it extends.
create table archive_certificate_revision (
    certificate_id   uuid          not null references archive_certificate (id),
    revision         integer       not null check (revision >= 2),
    previous_sha256  char(64)      not null,
    sha256           char(64)      not null,
    size_bytes       bigint        not null,
    bucket           varchar(63)   not null,
    object_key       varchar(1024) not null,
    version_id       varchar(1024),
    retention_class  varchar(32)   not null,
    retain_until     timestamptz   not null,
    store_locked     boolean       not null,
    registered_at    timestamptz   not null,
    primary key (certificate_id, revision),
    constraint archive_certificate_revision_object_unique unique (bucket, object_key)
);

-- When the newest revision's last timestamp must be renewed; null until the renewal job has read it.
alter table archive_certificate add column renewal_due timestamptz;
create index archive_certificate_renewal_due on archive_certificate (renewal_due);
