-- Delivery (统一物流快递): the paper copy of an issued certificate posted to the applicant by a carrier.

-- One shipment per application (a retried CertificateIssued never makes two). id is also the order number the
-- carrier is given (its idempotency key: a retried create never ships twice). Recipient, phone and address are what
-- the applicant gave for this parcel only; phone and address are erased once the parcel has reached its end.
create table shipment (
    id              uuid        primary key,
    application_id  uuid        not null unique references application (id),
    username        text        not null,
    document_id     uuid        not null,   -- the sealed document of which a printed copy is posted
    carrier         text        not null,
    status          text        not null check (status in ('PENDING', 'CREATED', 'COLLECTED', 'IN_TRANSIT',
                                                           'OUT_FOR_DELIVERY', 'DELIVERED', 'RETURNED_TO_WINDOW')),
    tracking_number text,
    recipient       text,
    phone           text,
    address         text,
    district        char(6)     references district (code),  -- whose window holds a parcel that comes back
    failure         text,                                     -- why it went to the window: REFUSED, NOBODY_HOME…
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (carrier, tracking_number)
);
create index shipment_due on shipment (next_attempt_at) where status = 'PENDING';

-- The carrier's tracking events as received (a duplicate of one already here is not stored again); an event older
-- than the shipment's status is kept in the timeline but never moves the shipment back.
create table shipment_event (
    shipment_id uuid        not null references shipment (id),
    event_id    text        not null,
    status      text        not null,
    at          timestamptz not null,
    location    text,
    received_at timestamptz not null,
    primary key (shipment_id, event_id)
);

-- Nonces of the carriers' signed notifications seen in the last minutes: a replay is refused on every node.
create table delivery_nonce (
    carrier text        not null,
    nonce   text        not null,
    seen_at timestamptz not null,
    primary key (carrier, nonce)
);
create index delivery_nonce_seen on delivery_nonce (seen_at);
