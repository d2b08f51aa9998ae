package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;

/**
 * Renewed revisions are new objects in a chain (revision, previous SHA-256), never overwriting; downloads get the
 * newest, every revision stays readable, audited and reconciled, and concurrent renewals register one revision.
 */
@Tag("any-store")
class CertificateRevisionTests extends OnTestBed {

    private static final Instant DUE = Instant.parse("2045-01-01T00:00:00Z");

    @Test
    void revisionsChainWithoutOverwritingAndDownloadsServeTheNewest() throws Exception {
        byte[] issued = TestBed.pdf("licence R-1");
        ECertificate certificate = stored(TestBed.certificate("R-1", "310101199001011234", issued));
        byte[] second = appended(issued, "renewal 1");
        byte[] third = appended(second, "renewal 2");

        CertificateRevision r2 = ((Stored<CertificateRevision>) bed.archive.certificates().storeRevision(
                new StoreRevision(certificate.id(), Sha256.of(issued), second, DUE))).record();
        CertificateRevision r3 = ((Stored<CertificateRevision>) bed.archive.certificates().storeRevision(
                new StoreRevision(certificate.id(), Sha256.of(second), third, DUE.plusSeconds(60)))).record();

        assertThat(bed.archive.certificates().revisions(certificate.id()))
                .extracting(CertificateRevision::revision, r -> r.previous().map(Sha256::hex).orElse(null),
                        CertificateRevision::sha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, null, Sha256.of(issued)),
                        org.assertj.core.groups.Tuple.tuple(2, Sha256.of(issued).hex(), Sha256.of(second)),
                        org.assertj.core.groups.Tuple.tuple(3, Sha256.of(second).hex(), Sha256.of(third)));
        assertThat(r2.location().key()).isEqualTo("business-licence/R-1.r2.pdf");
        assertThat(r3.location().key()).isEqualTo("business-licence/R-1.r3.pdf");
        assertThat(bed.bytes(certificate.location())).isEqualTo(issued);
        assertThat(bed.bytes(r2.location())).isEqualTo(second);
        assertThat(bed.archive.certificates().content(certificate.id())).hasValue(issued);
        assertThat(bed.archive.certificates().newestContent(certificate.id())).hasValue(third);
        assertThat(bed.archive.certificates().renewalsDue(DUE.plusSeconds(59), 1000)).doesNotContain(certificate.id());
        assertThat(bed.archive.certificates().renewalsDue(DUE.plusSeconds(60), 1000)).contains(certificate.id());
        assertThat(bed.archive.fixity().run().findings()).isEmpty();
        ReconciliationReport reconciled = bed.archive.reconciliation().reconcile();
        assertThat(reconciled.orphans()).noneMatch(o -> o.toString().contains("R-1"));
        assertThat(reconciled.missing()).isEmpty();
    }

    @Test
    void aRevisionMustExtendTheNewestOneAndTheCertificateMustExist() {
        byte[] issued = TestBed.pdf("licence R-2");
        ECertificate certificate = stored(TestBed.certificate("R-2", "310101199001011234", issued));
        byte[] second = appended(issued, "renewal 1");
        bed.archive.certificates().storeRevision(new StoreRevision(certificate.id(), Sha256.of(issued), second, DUE));

        ArchiveResult<CertificateRevision> stale = bed.archive.certificates().storeRevision(new StoreRevision(
                certificate.id(), Sha256.of(issued), appended(issued, "another renewal"), DUE));

        assertThat(stale).isInstanceOfSatisfying(AlreadyExists.class, a -> assertThat(a.sameContent()).isFalse());
        assertThatThrownBy(() -> bed.archive.certificates().storeRevision(new StoreRevision(certificate.id(),
                Sha256.of(second), TestBed.pdf("something else entirely, longer than before"), DUE)))
                .isInstanceOf(InvalidArchiveInputException.class)
                .satisfies(e -> assertThat(((InvalidArchiveInputException) e).field()).isEqualTo("pdf"));
        assertThatThrownBy(() -> bed.archive.certificates().storeRevision(new StoreRevision(certificate.id(),
                Sha256.of(second), second, DUE))).isInstanceOf(InvalidArchiveInputException.class);
        assertThatThrownBy(() -> bed.archive.certificates().storeRevision(new StoreRevision(UUID.randomUUID(),
                Sha256.of(second), appended(second, "x"), DUE)))
                .isInstanceOf(InvalidArchiveInputException.class)
                .satisfies(e -> assertThat(((InvalidArchiveInputException) e).field()).isEqualTo("certificateId"));
        assertThatThrownBy(() -> new StoreRevision(certificate.id(), Sha256.of(second), "text".getBytes(), DUE))
                .isInstanceOf(InvalidArchiveInputException.class);
        assertThat(bed.archive.certificates().revisions(certificate.id())).hasSize(2);
        assertThat(bed.archive.certificates().revisions(UUID.randomUUID())).isEmpty();
    }

    @Test
    void concurrentRenewalsOfOneRevisionRegisterOne() throws Exception {
        byte[] issued = TestBed.pdf("licence R-3");
        ECertificate certificate = stored(TestBed.certificate("R-3", "310101199001011234", issued));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ArchiveResult<CertificateRevision>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] renewed = appended(issued, "renewal by node " + i);
                Callable<ArchiveResult<CertificateRevision>> renewal = () -> bed.archive.certificates()
                        .storeRevision(new StoreRevision(certificate.id(), Sha256.of(issued), renewed, DUE));
                results.add(pool.submit(renewal));
            }
            int stored = 0;
            for (Future<ArchiveResult<CertificateRevision>> result : results) {
                stored += result.get() instanceof Stored ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(bed.archive.certificates().revisions(certificate.id())).hasSize(2);
    }

    private static ECertificate stored(StoreCertificate command) {
        return ((Stored<ECertificate>) bed.archive.certificates().store(command)).record();
    }

    private static byte[] appended(byte[] pdf, String update) {
        byte[] tail = ("% " + update + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        byte[] result = java.util.Arrays.copyOf(pdf, pdf.length + tail.length);
        System.arraycopy(tail, 0, result, pdf.length, tail.length);
        return result;
    }
}
