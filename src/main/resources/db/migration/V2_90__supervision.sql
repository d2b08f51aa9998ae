-- 事中事后监管, 双随机一公开: draws of licence holders and inspectors, and their inspections.
-- A draw is published first (parameters and both canonical lists with their SHA-256); its seed is fixed later from an
-- outside value by another supervisor, and the selection follows from seed and lists (README "Supervision").
create table supervision_draw (
    id                 uuid        primary key,
    created_by         text        not null,
    published_at       timestamptz not null,
    licence_type       text        not null,
    district           char(6),
    share_percent      integer     check (share_percent between 1 and 100),
    selection_count    integer     check (selection_count between 1 and 10000),
    holders            jsonb       not null,   -- [{licenceNumber, name, certificateId}], canonical order
    holders_sha256     char(64)    not null,
    inspectors         jsonb       not null,   -- [{badge, conflicts: [licence numbers]}], canonical order
    inspectors_sha256  char(64)    not null,
    publication_sha256 char(64)    not null,
    seed_source        text,
    seed_value         text,
    seed_by            text,
    seeded_at          timestamptz,
    seed               char(64),
    constraint supervision_draw_share_or_count check ((share_percent is null) <> (selection_count is null)),
    constraint supervision_draw_seeded check ((seed is null) = (seeded_at is null))
);

create table supervision_inspection (
    id             uuid        primary key,
    draw_id        uuid        not null references supervision_draw (id),
    seq            integer     not null,
    certificate_id uuid        not null,
    licence_number text        not null,
    holder_name    text        not null,
    inspectors     jsonb       not null,   -- the two badges, in drawn order
    outcome        text        check (outcome in ('PASSED', 'RECTIFY', 'REVOKED')),
    findings       text,                   -- the inspectors' own words: kept for the supervisors, never published
    rectify_by     date,
    legal_basis    text,
    recorded_by    text,
    recorded_at    timestamptz,
    unique (draw_id, seq),
    constraint supervision_inspection_recorded check ((outcome is null) = (recorded_at is null))
);
