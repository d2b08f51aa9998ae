-- The sealed notice of an application that ends without a certificate (补正告知书, 受理通知书, 不予受理/不予许可决定书),
-- reserved before sealing like a certificate number, so a retry takes the stored one.
alter table application add column notice_id uuid;
alter table application add column notice_kind text check (notice_kind in ('NOTICE_INCOMPLETE', 'NOTICE_ACCEPTED', 'DECISION_REFUSED'));
create unique index application_notice on application (notice_id) where notice_id is not null;
