package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** An application's whole file becomes one valid BagIt bag, zipped, stored write-once and registered. */
@Tag("any-store")
class ArchivePackageTests {

    static TestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = TestBed.start();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void theStoredPackageIsAValidBagWithEveryPartOfTheFile() throws Exception {
        ECertificate certificate = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("P-1", "h", TestBed.pdf("p1")))).record();
        ArchiveApplication command = TestBed.application("APP-P-1", Optional.of(new ArchiveApplication.SealedCertificate(
                certificate.id(), TestBed.pdf("p1"), "{\"valid\": true}".getBytes(StandardCharsets.UTF_8))));

        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages().archive(command)).record();

        assertThat(archived.location().key()).isEqualTo("individual-business-registration/APP-P-1.zip");
        assertThat(archived.certificateId()).contains(certificate.id());
        assertThat(archived.payloadFiles()).isEqualTo(7);
        byte[] zip = bed.archive.packages().content("APP-P-1").orElseThrow();
        assertThat(Sha256.of(zip)).isEqualTo(archived.sha256());
        Path bag = unzip(zip).resolve("APP-P-1");
        assertThat(bag.resolve("data/materials/01-身份证.jpg")).hasBinaryContent(command.materials().get(0).content());
        assertThat(bag.resolve("data/materials/02-租赁合同.pdf")).hasBinaryContent(command.materials().get(1).content());
        assertThat(bag.resolve("data/application.json")).hasBinaryContent(command.applicationData());
        assertThat(bag.resolve("data/decision.json")).hasBinaryContent(command.decision());
        assertThat(bag.resolve("data/certificate.pdf")).hasBinaryContent(TestBed.pdf("p1"));
        assertThat(bag.resolve("data/verification-report.json")).hasContent("{\"valid\": true}");
        assertThat(bag.resolve("data/materials.json")).content(StandardCharsets.UTF_8)
                .contains("\"code\": \"id-card\"", "\"fileName\": \"身份证.jpg\"", "\"mediaType\": \"image/jpeg\"");
        assertThat(bag.resolve("bag-info.txt")).content(StandardCharsets.UTF_8).contains(
                "Source-Organization: 上海市黄浦区市场监督管理局", "External-Identifier: APP-P-1",
                "Tongban-Item: individual-business-registration", "Tongban-Retention-Class: LONG",
                "Tongban-Retain-Until: 2056-11-27T08:00:00Z", "Tongban-Pack-Version: 3f9a0c1d2e4b5a60",
                "Tongban-Submitted: 2026-11-27T08:00:00Z", "Tongban-Decided: 2026-11-27T08:05:00Z",
                "Tongban-Certificate-Id: " + certificate.id(), "Payload-Oxum: ");
        assertThat(bag.resolve("bagit.txt")).content(StandardCharsets.UTF_8)
                .contains("BagIt-Version: 1.0", "Tag-File-Character-Encoding: UTF-8");
        assertThat(bag.resolve("manifest-sha256.txt")).exists();
        assertThat(bag.resolve("tagmanifest-sha256.txt")).exists();
        Bag read = new BagReader().read(bag);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(read, false); // throws if any file or manifest is wrong
        }
    }

    @Test
    void aRefusedApplicationIsArchivedWithoutACertificate() {
        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-P-2", Optional.empty()))).record();

        assertThat(archived.certificateId()).isEmpty();
        assertThat(archived.payloadFiles()).isEqualTo(5);
        assertThat(bed.archive.packages().find("APP-P-2")).contains(archived);
    }

    private static Path unzip(byte[] zip) throws Exception {
        Path target = Files.createTempDirectory("bag");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
        return target;
    }
}
