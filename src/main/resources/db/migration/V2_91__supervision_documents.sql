-- The sealed documents of an inspection (issue 18, item 2): its inspection notice (检查通知书, 双告知) and, for a
-- failed one, its order to rectify (责令整改通知书). Each id and number is reserved here (committed) before the
-- document is sealed and registered under them, so a retry or a crash never issues a second one, and archive
-- reconciliation finds every registered document claimed.
alter table supervision_inspection
    add column notice_id     uuid unique,
    add column notice_number text,
    add column order_id      uuid unique,
    add column order_number  text,
    add constraint supervision_inspection_notice check ((notice_id is null) = (notice_number is null)),
    add constraint supervision_inspection_order check ((order_id is null) = (order_number is null));
