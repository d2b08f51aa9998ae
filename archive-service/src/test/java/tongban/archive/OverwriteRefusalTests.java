package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;

/** Nothing archived is ever replaced: not by the archive, and not by a plain conditional PUT to the store. */
class OverwriteRefusalTests {

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
    void storingACertificateNumberAgainWithOtherBytesIsRefusedAndChangesNothing() throws Exception {
        byte[] original = TestBed.pdf("original");
        ECertificate first = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("W-1", "h", original))).record();

        ArchiveResult<ECertificate> again = bed.archive.certificates().store(TestBed.certificate("W-1", "h", TestBed.pdf("forged")));

        assertThat(again).isEqualTo(new AlreadyExists<>(Optional.of(first), false));
        assertThat(Files.readAllBytes(bed.objectFile("certificates", "business-licence/W-1.pdf"))).isEqualTo(original);
        assertThat(bed.count("select count(*) from archive_certificate where number = 'W-1'")).isEqualTo(1);
    }

    @Test
    void storingTheSameCertificateAgainIsAHarmlessRetry() {
        byte[] pdf = TestBed.pdf("same");
        ECertificate first = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("W-2", "h", pdf))).record();

        assertThat(bed.archive.certificates().store(TestBed.certificate("W-2", "h", pdf)))
                .isEqualTo(new AlreadyExists<>(Optional.of(first), true));
    }

    @Test
    void theStoreItselfRefusesAConditionalPutOnAnExistingKey() throws Exception {
        bed.archive.certificates().store(TestBed.certificate("W-3", "h", TestBed.pdf("kept")));

        PutResult put = bed.store.putIfAbsent("certificates", "business-licence/W-3.pdf",
                ObjectContent.of(TestBed.pdf("replacement")), Map.of(), Optional.empty());

        assertThat(put.created()).isFalse();
        assertThat(Files.readAllBytes(bed.objectFile("certificates", "business-licence/W-3.pdf"))).isEqualTo(TestBed.pdf("kept"));
    }

    @Test
    void archivingAnApplicationAgainIsRefusedAndSaysWhetherThePayloadWasTheSame() throws Exception {
        ArchivedPackage first = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-W-1", Optional.empty()))).record();
        byte[] zip = Files.readAllBytes(bed.objectFile("archive", first.location().key()));
        bed.clock.advance(java.time.Duration.ofDays(1)); // other bag dates, same payload

        assertThat(bed.archive.packages().archive(TestBed.application("APP-W-1", Optional.empty())))
                .isEqualTo(new AlreadyExists<>(Optional.of(first), true));
        ArchiveApplication changed = TestBed.application("APP-W-1", Optional.empty());
        changed = new ArchiveApplication(changed.applicationId(), changed.item(), changed.department(), changed.submittedAt(),
                changed.decidedAt(), "{\"applicant\": {\"name\": \"李四\"}}".getBytes(), changed.materials(),
                changed.decision(), changed.packVersion(), changed.certificate());
        assertThat(bed.archive.packages().archive(changed)).isEqualTo(new AlreadyExists<>(Optional.of(first), false));
        assertThat(Files.readAllBytes(bed.objectFile("archive", first.location().key()))).isEqualTo(zip);
    }
}
