-- A closed order is closed at each provider it was started with (关单), so its code can no longer be paid; until every
-- provider has closed it, reconciliation asks again. Orders closed before this could be paid until they expired there.
alter table payment_order add column provider_closed_at timestamptz;
update payment_order set provider_closed_at = closed_at where status = 'CLOSED';
create index payment_order_close_due on payment_order (closed_at)
    where status = 'CLOSED' and provider_closed_at is null;
