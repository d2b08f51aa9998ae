package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** A sealed certificate is stored once, with its metadata and SHA-256, and found by id, number and holder. */
@Tag("any-store")
class CertificateStorageTests extends OnTestBed {

    @Test
    void aStoredCertificateIsRegisteredWithItsObjectAndDigest() throws Exception {
        byte[] pdf = TestBed.pdf("licence A-1");
        ArchiveResult<ECertificate> result = bed.archive.certificates().store(TestBed.certificate("A-1", "310101199001011234", pdf));

        assertThat(result).isInstanceOf(Stored.class);
        ECertificate stored = ((Stored<ECertificate>) result).record();
        assertThat(stored.status()).isEqualTo(CertificateStatus.VALID);
        assertThat(stored.sha256()).isEqualTo(Sha256.of(pdf));
        assertThat(stored.location().key()).isEqualTo("business-licence/A-1.pdf");
        assertThat(stored.retention().retentionClass()).isEqualTo("LONG");
        assertThat(stored.retention().retainUntil()).isEqualTo(Instant.parse("2056-11-27T08:00:00Z"));
        assertThat(stored.retention().enforcedByStore()).isEqualTo(TestBed.onCeph());
        assertThat(bed.bytes(stored.location())).isEqualTo(pdf);
        assertThat(bed.archive.certificates().find(stored.id())).contains(stored);
        assertThat(bed.archive.certificates().findByNumber("business-licence", "A-1")).contains(stored);
        assertThat(bed.archive.certificates().content(stored.id())).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(pdf));
    }

    @Test
    void theObjectCarriesTheCertificateMetadataInUtf8() {
        bed.archive.certificates().store(TestBed.certificate("A-2", "310101199001011234", TestBed.pdf("licence A-2")));

        StoredObject object = bed.store.stat(ObjectLocation.of(bed.certificates, "business-licence/A-2.pdf")).orElseThrow();
        assertThat(object.metadata()).containsEntry("tongban-type", "business-licence")
                .containsEntry("tongban-number", "A-2")
                .containsEntry("tongban-holder", "310101199001011234")
                .containsEntry("tongban-issuer", "上海市黄浦区市场监督管理局")
                .containsEntry("sha256", Sha256.of(TestBed.pdf("licence A-2")).hex());
    }

    @Test
    void aHoldersCertificatesAreListedNewestFirst() {
        ECertificates library = bed.archive.certificates();
        library.store(TestBed.certificate("H-1", "91310000MA1FL0001X", TestBed.pdf("h1")));
        library.store(new StoreCertificate(UUID.randomUUID(), "food-licence", "H-2", "91310000MA1FL0001X", "上海市市场监督管理局",
                Instant.parse("2026-12-01T00:00:00Z"), Optional.empty(), TestBed.pdf("h2")));

        assertThat(library.listByHolder("91310000MA1FL0001X")).extracting(ECertificate::number).containsExactly("H-2", "H-1");
        assertThat(library.listByHolder("nobody")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithItsFieldAndWritesNothing() throws Exception {
        long before = bed.count("select count(*) from archive_certificate");

        assertThatThrownBy(() -> TestBed.certificate("../escape", "h", TestBed.pdf("x")))
                .isInstanceOf(InvalidArchiveInputException.class).extracting("field").isEqualTo("number");
        assertThatThrownBy(() -> TestBed.certificate("B-1", "h", "not a pdf".getBytes()))
                .isInstanceOf(InvalidArchiveInputException.class).extracting("field").isEqualTo("pdf");
        assertThatThrownBy(() -> new StoreCertificate(UUID.randomUUID(), "business-licence", "B-1", "h", "issuer",
                Instant.parse("2026-11-27T00:00:00Z"), Optional.of(Instant.parse("2026-01-01T00:00:00Z")), TestBed.pdf("x")))
                .isInstanceOf(InvalidArchiveInputException.class).extracting("field").isEqualTo("validUntil");
        assertThat(bed.count("select count(*) from archive_certificate")).isEqualTo(before);
    }
}
