package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.Stored;

/** An application's whole file becomes one valid BagIt bag, zipped, stored write-once and registered. */
@Tag("any-store")
class ArchivePackageTests extends OnTestBed {

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    @Test
    void theStoredPackageIsAValidBagWithEveryPartOfTheFile() throws Exception {
        ECertificate certificate = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("P-1", "h", TestBed.pdf("p1")))).record();
        ArchiveApplication command = TestBed.application("APP-P-1", Optional.of(new ArchiveApplication.SealedCertificate(
                certificate.id(), TestBed.pdf("p1"), "{\"valid\": true}".getBytes(StandardCharsets.UTF_8))));

        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages().archive(command)).record();

        assertThat(archived.location().key()).isEqualTo("individual-business-registration/APP-P-1.zip");
        assertThat(archived.certificateId()).contains(certificate.id());
        assertThat(archived.payloadFiles()).isEqualTo(8);
        byte[] zip = bed.archive.packages().content("APP-P-1").orElseThrow();
        assertThat(Sha256.of(zip)).isEqualTo(archived.sha256());
        Path bag = unzip(zip).resolve("APP-P-1");
        assertThat(bag.resolve("data/materials/01-身份证.jpg")).hasBinaryContent(command.materials().get(0).content());
        assertThat(bag.resolve("data/materials/02-租赁合同.pdf")).hasBinaryContent(command.materials().get(1).content());
        assertThat(bag.resolve("data/application.json")).hasBinaryContent(command.applicationData());
        assertThat(bag.resolve("data/decision.json")).hasBinaryContent(command.decision());
        assertThat(bag.resolve("data/facts.json")).hasBinaryContent(command.facts().orElseThrow());
        assertThat(bag.resolve("manifest-sha256.txt")).content(StandardCharsets.UTF_8)
                .contains(Sha256.of(command.facts().orElseThrow()).hex() + "  data/facts.json");
        assertThat(bed.archive.packages().facts("APP-P-1")).hasValueSatisfying(facts ->
                assertThat(new String(facts, StandardCharsets.UTF_8)).isEqualTo(TestBed.FACTS));
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
        assertThat(archived.payloadFiles()).isEqualTo(6);
        assertThat(bed.archive.packages().find("APP-P-2")).contains(archived);
    }

    @Test
    void aPackageArchivedBeforeFactsWereKeptIsReadWithoutThem() throws Exception {
        ArchiveApplication withFacts = TestBed.application("APP-P-3", Optional.empty());
        ArchiveApplication old = new ArchiveApplication(withFacts.applicationId(), withFacts.item(), withFacts.department(),
                withFacts.submittedAt(), withFacts.decidedAt(), withFacts.applicationData(), withFacts.materials(),
                withFacts.decision(), Optional.empty(), withFacts.packVersion(), withFacts.certificate());

        ArchivedPackage archived = ((Stored<ArchivedPackage>) bed.archive.packages().archive(old)).record();

        assertThat(archived.payloadFiles()).isEqualTo(5);
        assertThat(unzip(bed.archive.packages().content("APP-P-3").orElseThrow()).resolve("APP-P-3/data/facts.json"))
                .doesNotExist();
        assertThat(bed.archive.packages().facts("APP-P-3")).isEmpty();
        assertThat(bed.archive.packages().facts("APP-NEVER-ARCHIVED")).isEmpty();
        // the facts are part of the payload: the same application with them is another file, not this one again
        assertThat(bed.archive.packages().archive(withFacts)).isEqualTo(new ArchiveResult.AlreadyExists<>(
                Optional.of(archived), false));
    }

    @Test
    void emptyFactsAreRefused() {
        ArchiveApplication base = TestBed.application("APP-P-4", Optional.empty());
        assertThatThrownBy(() -> new ArchiveApplication(base.applicationId(), base.item(), base.department(),
                base.submittedAt(), base.decidedAt(), base.applicationData(), base.materials(), base.decision(),
                Optional.of(new byte[0]), base.packVersion(), base.certificate()))
                .isInstanceOfSatisfying(InvalidArchiveInputException.class, e -> assertThat(e.field()).isEqualTo("facts"));
    }

    private Path unzip(byte[] zip) throws Exception {
        Path target = Files.createTempDirectory(temp, "bag");
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
