-- 12345 tickets (工单): an applicant's question (问题) or complaint (投诉) about one of their applications, answered and
-- closed by a hotline agent, rated by the applicant (回访满意度). A double submission of the same text for the same
-- application is one ticket (the unique index).
create table ticket (
    id             uuid        primary key,
    application_id uuid        not null references application (id),
    subject_id     char(18)    not null,
    item           text        not null,
    kind           text        not null check (kind in ('QUESTION', 'COMPLAINT')),
    text           text        not null,
    rule           text,                     -- the rule of the application's decision it is about (policy statistics)
    status         text        not null check (status in ('OPEN', 'ANSWERED', 'CLOSED')),
    answer         text,
    answered_by    text,
    answered_at    timestamptz,
    closed_by      text,
    closed_at      timestamptz,
    resolved       boolean,                  -- the agent's finding when closing: was the problem solved (问题解决率)
    satisfaction   text check (satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    rated_at       timestamptz,
    created_at     timestamptz not null,
    check (status = 'OPEN' or answer is not null),
    check (satisfaction is null or answer is not null)
);
create unique index ticket_once on ticket (application_id, kind, md5(text));
create index ticket_subject on ticket (subject_id, created_at desc);
create index ticket_queue on ticket (status, created_at);
create index ticket_rule on ticket (item, rule) where rule is not null;

-- Who read a subject's data also when no item's form did: a staff lookup (a 12345 agent) with its purpose, the
-- application it was for, and the reader's role (the department shown to the subject).
alter table data_access_log alter column item drop not null;
alter table data_access_log add column purpose text;
alter table data_access_log add column application_id uuid;
alter table data_access_log add column reader_role text;
create index data_access_log_subject on data_access_log (subject_id, at desc);
