-- Each sealed document is registered as what it is (certificate, notice, receipt, inspection document), so a notice
-- is never listed as an e-certificate. The notices registered before this column were those of the three notice types.
alter table archive_certificate add column kind varchar(16) not null default 'CERTIFICATE'
    check (kind in ('CERTIFICATE', 'NOTICE', 'RECEIPT', 'INSPECTION'));
update archive_certificate set kind = 'NOTICE' where type in ('notice-incomplete', 'notice-accepted', 'decision-refused');
alter table archive_certificate alter column kind drop default;
