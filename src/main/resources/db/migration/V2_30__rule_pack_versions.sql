-- Published rule-pack versions (规则包版本): each compiled and tested once, its compiled jar and its sources stored
-- write-once in the object store under their SHA-256, in force from effective_from until effective_to (the day
-- before the item's next version takes effect; null while none follows). version is the pack's content hash, the
-- packVersion of every decision made on it. item_files (item.yaml and
-- the catalogue files it names, name to text) lets a node list the catalogue without reading the store.
create table rule_pack_version (
    item            text        not null,
    effective_from  date        not null,
    effective_to    date,
    version         text        not null,
    artefact_key    text        not null,
    artefact_sha256 text        not null,
    sources_key     text        not null,
    sources_sha256  text        not null,
    item_files      jsonb       not null,
    published_at    timestamptz not null,
    published_by    text        not null,
    primary key (item, effective_from)
);
create index rule_pack_version_by_version on rule_pack_version (item, version);
