-- An application is worked on by whoever holds its lease (a node's id until a time, on the database's clock): a
-- submission claims it in a short committed transaction, renders, seals and archives with no connection held,
-- and records the result in another; a lease that ran out (its node was killed) is taken over by the resumer.
alter table application add column lease_owner text;
alter table application add column lease_until timestamptz;
alter table application add column attempts    integer not null default 0;
create index application_unfinished on application (updated_at) where status = 'PROCESSING';

-- The accepted files of an application not yet finished, so that whoever resumes it archives what was sent;
-- deleted when the application ends.
create table application_upload (
    application_id uuid    not null references application (id),
    seq            integer not null,
    code           text    not null,
    file_name      text    not null,
    media_type     text    not null,
    content        bytea   not null,
    primary key (application_id, seq)
);
