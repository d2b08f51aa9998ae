-- Applications (申请) of the unified acceptance (统一受理): one row per applicant and Idempotency-Key.
create table application (
    id                 uuid        primary key,
    username           text        not null,
    subject_id         char(18)    not null,
    item               text        not null,
    idempotency_key    text        not null,
    request_sha256     char(64)    not null,   -- the application part and every file's SHA-256, by part name
    status             text        not null check (status in
                           ('PROCESSING', 'ISSUED', 'INCOMPLETE', 'INELIGIBLE', 'NOT_APPLICABLE', 'ACCEPTED', 'FAILED')),
    request            jsonb       not null,
    decision           jsonb,
    certificate_id     uuid,
    certificate_number text,                   -- reserved before sealing, so a retry seals the same number
    failure            text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    unique (username, idempotency_key)
);
create index application_subject on application (subject_id);
create unique index application_certificate on application (certificate_id) where certificate_id is not null;

-- What each uploaded file was found to be (the bytes of accepted files go to the e-archive package)
create table application_material (
    application_id uuid     not null references application (id),
    seq            integer  not null,
    code           text     not null,
    file_name      text     not null,
    declared_type  text,
    detected_type  text,
    size           bigint   not null,
    sha256         char(64) not null,
    accepted       boolean  not null,
    rejection_code text,
    primary key (application_id, seq)
);

-- Sequences of certificate numbers, per kind of number
create sequence business_licence_number_seq;
create sequence food_licence_number_seq;
create sequence residence_permit_number_seq;

-- Append-only audit log of every state change and data access (actor, action, target, time)
create table audit_log (
    id     bigserial   primary key,
    at     timestamptz not null,
    actor  text        not null,
    action text        not null,
    target text        not null,
    detail jsonb
);
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete or truncate on audit_log
    for each statement execute function audit_log_is_append_only();
