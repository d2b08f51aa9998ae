-- A check sent twice (a double click, a retry) with the same key is one check and one visit, not two.
alter table in_person_check add column request_key text;
create unique index in_person_check_key on in_person_check (application_id, request_key) where request_key is not null;
