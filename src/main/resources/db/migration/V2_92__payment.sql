-- Public payment (统一公共支付, issue 17): an order per application whose decision has a fee, paid through a channel
-- (WeChat Pay, Alipay). Every transition is one short transaction with a compare-and-set on the status.

-- An application may wait for its fee, be withdrawn by its applicant, or end because its fee was not paid in time
alter table application drop constraint application_status_check;
alter table application add constraint application_status_check check (status in
    ('PROCESSING', 'ISSUED', 'INCOMPLETE', 'INELIGIBLE', 'NOT_APPLICABLE', 'ACCEPTED', 'FAILED',
     'AWAITING_PAYMENT', 'WITHDRAWN', 'PAYMENT_EXPIRED'));

create table payment_order (
    number          text        primary key check (number ~ '^[A-Za-z0-9]{1,32}$'),  -- out_trade_no
    application_id  uuid        not null unique references application (id),
    subject_id      char(18)    not null,
    username        text        not null,
    payer_name      text        not null,     -- printed on the receipt (电子票据), with the masked id only
    item            text        not null,
    description     text        not null,
    amount_fen      bigint      not null check (amount_fen > 0),
    status          text        not null check (status in ('UNPAID', 'PAID', 'REFUNDED', 'CLOSED')),
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    channel         text,                      -- the channel it was paid by
    transaction_id  text,                      -- the provider's
    paid_fen        bigint,
    paid_at         timestamptz,
    closed_at       timestamptz,
    close_reason    text check (close_reason in ('EXPIRED', 'WITHDRAWN')),
    refund_number   text unique check (refund_number ~ '^[A-Za-z0-9]{1,32}$'),  -- reserved before the provider is asked
    refund_reason   text,
    refund_attempts integer     not null default 0,
    refund_next_at  timestamptz,
    refund_error    text,
    refunded_at     timestamptz,
    query_next_at   timestamptz,               -- reconciliation asks the provider again from then (backoff)
    query_attempts  integer     not null default 0,
    receipt_id      uuid unique,               -- the receipt's id and number, reserved before it is sealed
    receipt_number  text,
    check ((status = 'PAID' or status = 'REFUNDED') = (transaction_id is not null)),
    check ((receipt_id is null) = (receipt_number is null))
);
create index payment_order_unpaid on payment_order (created_at) where status = 'UNPAID';
create index payment_order_refund_due on payment_order (refund_next_at) where status = 'PAID' and refund_number is not null;
create index payment_order_subject on payment_order (subject_id);

-- What a channel answered when paying was started: the same channel asked again gets the same checkout
create table payment_checkout (
    order_number text        not null references payment_order (number),
    channel      text        not null,
    client       jsonb       not null,
    created_at   timestamptz not null,
    primary key (order_number, channel)
);

-- Every applied notification, by the provider's id: a replay finds its id here and changes nothing
create table payment_notification (
    channel         text        not null,
    notification_id text        not null,
    order_number    text        not null,
    received_at     timestamptz not null,
    primary key (channel, notification_id)
);

-- A payment a provider settled that no order of ours holds (对账差错): found by reconciliation, refunded
create table payment_finding (
    channel        text        not null,
    transaction_id text        not null,
    order_number   text        not null,
    amount_fen     bigint      not null,
    found_at       timestamptz not null,
    refund_number  text        not null unique,
    refunded_at    timestamptz,
    primary key (channel, transaction_id)
);
