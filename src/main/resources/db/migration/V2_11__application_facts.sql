-- The exact facts each application was decided on (FactsAssembler's output: form, shared data, held certificates,
-- materials offered, asOf), kept so a decision can be replayed and a changed pack previewed on real cases.
-- Null for applications decided before this column existed.
alter table application add column facts jsonb;
