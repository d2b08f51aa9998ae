-- A draft's revision, raised by every save of its answers or files: the page's live list keeps the answer of the
-- newest revision, since its answers and its uploads are sent by different forms and may come back out of order.
alter table portal_draft add column revision bigint not null default 0;
