package tongban.statistics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tongban.acceptance.ApplicationDecided;
import tongban.acceptance.CertificateIssued;
import tongban.acceptance.CertificateRevoked;
import tongban.acceptance.NoticeIssued;

/**
 * Counts what the service decides and issues (办件统计), by item, outcome and document type, from the domain events,
 * once each is committed: {@code tongban.applications.decided}, {@code tongban.documents.issued},
 * {@code tongban.certificates.revoked} on {@code /actuator/prometheus}. Counts only, never who.
 */
@Component
class IssuingStatistics {

    private final MeterRegistry meters;

    IssuingStatistics(MeterRegistry meters) {
        this.meters = meters;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ApplicationDecided decided) {
        meters.counter("tongban.applications.decided", "item", decided.item(), "status",
                decided.completed() ? "COMPLETED" : decided.status()).increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CertificateIssued issued) {
        meters.counter("tongban.documents.issued", "kind", "certificate", "type", issued.type()).increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(NoticeIssued issued) {
        meters.counter("tongban.documents.issued", "kind", "notice", "type", issued.type()).increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CertificateRevoked revoked) {
        meters.counter("tongban.certificates.revoked").increment();
    }
}
