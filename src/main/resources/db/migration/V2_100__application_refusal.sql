-- An accepted application may be refused by its district's officer (不予许可): a final status, the refusal decision's
-- own reserved document id (the acceptance notice keeps notice_id) and the officer's reason, kept from the first request
alter table application drop constraint application_status_check;
alter table application add constraint application_status_check check (status in
    ('PROCESSING', 'ISSUED', 'INCOMPLETE', 'INELIGIBLE', 'NOT_APPLICABLE', 'ACCEPTED', 'FAILED',
     'AWAITING_PAYMENT', 'WITHDRAWN', 'PAYMENT_EXPIRED', 'REFUSED'));
alter table application add column refusal_id uuid unique;
alter table application add column refusal_reason text check (char_length(refusal_reason) between 1 and 500);

-- its fee's order ends as a withdrawn one does
alter table payment_order drop constraint payment_order_close_reason_check;
alter table payment_order add constraint payment_order_close_reason_check check (close_reason in ('EXPIRED', 'WITHDRAWN', 'REFUSED'));
