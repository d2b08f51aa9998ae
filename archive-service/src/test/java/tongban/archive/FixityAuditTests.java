package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;
import tongban.archive.AuditReport.Finding;
import tongban.archive.AuditReport.Kind;
import tongban.archive.AuditReport.State;

/** The audit re-reads every object and names each one altered, missing or unreadable behind the archive's back. */
class FixityAuditTests {

    TestBed bed;
    ECertificate certificate;
    ArchivedPackage archived;

    @BeforeEach
    void archiveSomething() throws Exception {
        bed = TestBed.start();
        certificate = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("X-1", "h", TestBed.pdf("x1")))).record();
        bed.archive.certificates().store(TestBed.certificate("X-2", "h", TestBed.pdf("x2")));
        archived = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-X-1", Optional.empty()))).record();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void anUntouchedArchivePassesAndTheRunIsRecorded() {
        AuditReport report = bed.archive.fixity().run();

        assertThat(report.state()).isEqualTo(State.FINISHED);
        assertThat(report.findings()).isEmpty();
        assertThat(report.objectsChecked()).isEqualTo(3);
        assertThat(report.bytesRead()).isEqualTo(certificate.size() * 2 + archived.size());
        assertThat(bed.archive.fixity().find(report.id())).contains(report);
        assertThat(bed.archive.fixity().latest()).contains(report);
    }

    @Test
    void aCertificateRewrittenInTheStoresFilesIsNamed() throws Exception {
        Files.write(bed.objectFile("certificates", certificate.location().key()), TestBed.pdf("x1 altered"));

        AuditReport report = bed.archive.fixity().run();

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.MISMATCH);
            assertThat(finding.key()).isEqualTo("business-licence/X-1.pdf");
            assertThat(finding.recordId()).isEqualTo(certificate.id());
            assertThat(finding.detail()).contains(certificate.sha256().hex(), Sha256.of(TestBed.pdf("x1 altered")).hex());
        });
        assertThat(bed.archive.fixity().find(report.id()).orElseThrow().findings()).isEqualTo(report.findings());
    }

    @Test
    void aFileAlteredInsideAPackageIsNamedByItsPathInTheBag() throws Exception {
        Path zip = bed.objectFile("archive", archived.location().key());
        Files.write(zip, replaceEntry(Files.readAllBytes(zip), "APP-X-1/data/decision.json", "{\"outcome\": \"REFUSED\"}"));

        Finding finding = bed.archive.fixity().run().findings().get(0);

        assertThat(finding.kind()).isEqualTo(Kind.MISMATCH);
        assertThat(finding.recordId()).isEqualTo(archived.id());
        assertThat(finding.detail()).contains("data/decision.json: manifest SHA-256");
    }

    @Test
    void aPackageWhoseManifestWasRewrittenToMatchIsStillCaughtByTheRegistry() throws Exception {
        Path zip = bed.objectFile("archive", archived.location().key());
        byte[] forged = replaceEntry(Files.readAllBytes(zip), "APP-X-1/data/decision.json", "{}");
        Files.write(zip, forged);

        assertThat(bed.archive.fixity().run().findings()).extracting(Finding::kind).containsExactly(Kind.MISMATCH);
    }

    @Test
    void aMissingObjectIsNamed() throws Exception {
        Files.delete(bed.objectFile("certificates", "business-licence/X-2.pdf"));

        assertThat(bed.archive.fixity().run().findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.MISSING);
            assertThat(finding.key()).isEqualTo("business-licence/X-2.pdf");
        });
    }

    @Test
    void anAuditDuringAStoreOutageFailsInsteadOfBlamingTheObjects() {
        bed.s3.stop();
        AuditReport report;
        try {
            report = bed.archive.fixity().run();
        } finally {
            bed.s3.restart();
        }

        assertThat(report.state()).isEqualTo(State.FAILED);
        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("object store unavailable"));
        assertThat(report.findings()).isEmpty();
        assertThat(bed.archive.fixity().latest().orElseThrow().state()).isEqualTo(State.FAILED);
    }

    private static byte[] replaceEntry(byte[] zip, String name, String content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8);
             ZipOutputStream rewritten = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                rewritten.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    rewritten.write(content.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(rewritten);
                }
                rewritten.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aCorruptedObjectIsNotServed() throws Exception {
        ECertificate stored = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("C-1", "h", TestBed.pdf("c1")))).record();
        Files.write(bed.objectFile("certificates", stored.location().key()), TestBed.pdf("forged"));

        assertThatThrownBy(() -> bed.archive.certificates().content(stored.id()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("business-licence/C-1.pdf");
    }
}
