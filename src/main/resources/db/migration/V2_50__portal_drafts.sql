-- The portal's application drafts (草稿): the answers and uploads of an application being filled in on the pages,
-- kept server-side until it is submitted (then it names the application) or expires. The idempotency key is made
-- when the draft is, so submitting twice (a double click, a reload) is the same submission.
create table portal_draft (
    id              uuid        primary key,
    username        text        not null,
    item            text        not null,
    idempotency_key text        not null,
    answers         jsonb       not null,   -- as typed: field -> text or list of texts, and the options
    application_id  uuid,                   -- set once submitted
    created_at      timestamptz not null,
    expires_at      timestamptz not null
);
create index portal_draft_owner on portal_draft (username, item);
create index portal_draft_expiry on portal_draft (expires_at);

-- The last file uploaded for each material of a draft, with the materials inspector's verdict; a rejected file's
-- bytes are not kept
create table portal_draft_file (
    draft_id       uuid    not null references portal_draft (id) on delete cascade,
    material       text    not null,
    file_name      text    not null,
    declared_type  text,
    detected_type  text,
    size           bigint  not null,
    accepted       boolean not null,
    rejection_code text,
    bytes          bytea,
    primary key (draft_id, material)
);
