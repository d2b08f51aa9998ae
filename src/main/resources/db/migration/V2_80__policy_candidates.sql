-- Candidate packs an impact preview found publishable (they compiled and every scenario passed), kept by their
-- content hash so the policy officer publishes exactly the files that were previewed, from the preview page.
create table policy_candidate (
    item         text        not null,
    version      text        not null,   -- the candidate's content hash: the packVersion a publication of it gets
    zip          bytea       not null,
    previewed_by text        not null,
    previewed_at timestamptz not null,
    primary key (item, version)
);
