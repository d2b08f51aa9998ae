package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tongban.archive.ArchiveResult.AlreadyExists;
import tongban.archive.ArchiveResult.Stored;

/** Nothing archived is ever replaced: not by the archive, and not by a plain conditional PUT to the store. */
@Tag("any-store")
class OverwriteRefusalTests extends OnTestBed {

    @Test
    void storingACertificateNumberAgainWithOtherBytesIsRefusedAndChangesNothing() throws Exception {
        byte[] original = TestBed.pdf("original");
        ECertificate first = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("W-1", "h", original))).record();

        ArchiveResult<ECertificate> again = bed.archive.certificates().store(TestBed.certificate("W-1", "h", TestBed.pdf("forged")));

        assertThat(again).isEqualTo(new AlreadyExists<>(Optional.of(first), false));
        assertThat(bed.bytes(ObjectLocation.of(bed.certificates, "business-licence/W-1.pdf"))).isEqualTo(original);
        assertThat(bed.archive.certificates().content(first.id())).contains(original);
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
    void aWriteToAnOccupiedKeyIsRefusedAndNamesTheOccupant() throws Exception {
        ECertificate kept = ((Stored<ECertificate>) bed.archive.certificates()
                .store(TestBed.certificate("W-3", "h", TestBed.pdf("kept")))).record();

        PutResult put = bed.store.putIfAbsent(bed.certificates, "business-licence/W-3.pdf",
                ObjectContent.of(TestBed.pdf("replacement")), Map.of(), Optional.empty());

        assertThat(put.created()).isFalse();
        assertThat(put.occupant()).hasValueSatisfying(occupant -> {
            assertThat(occupant.versionId()).isEqualTo(kept.location().versionId());
            assertThat(occupant.metadata()).containsEntry("sha256", Sha256.of(TestBed.pdf("kept")).hex());
        });
        assertThat(bed.bytes(ObjectLocation.of(bed.certificates, "business-licence/W-3.pdf"))).isEqualTo(TestBed.pdf("kept"));
        // nothing was written: on a versioned store the key still has one version
        assertThat(bed.store.list(bed.certificates).filter(o -> o.key().equals("business-licence/W-3.pdf"))).hasSize(1);
    }

    @Test
    void archivingAnApplicationAgainIsRefusedAndSaysWhetherThePayloadWasTheSame() throws Exception {
        ArchivedPackage first = ((Stored<ArchivedPackage>) bed.archive.packages()
                .archive(TestBed.application("APP-W-1", Optional.empty()))).record();
        byte[] zip = bed.bytes(first.location());
        bed.clock.advance(java.time.Duration.ofDays(1)); // other bag dates, same payload

        assertThat(bed.archive.packages().archive(TestBed.application("APP-W-1", Optional.empty())))
                .isEqualTo(new AlreadyExists<>(Optional.of(first), true));
        ArchiveApplication changed = TestBed.application("APP-W-1", Optional.empty());
        changed = new ArchiveApplication(changed.applicationId(), changed.item(), changed.department(), changed.submittedAt(),
                changed.decidedAt(), "{\"applicant\": {\"name\": \"李四\"}}".getBytes(), changed.materials(),
                changed.decision(), changed.facts(), changed.packVersion(), changed.certificate());
        assertThat(bed.archive.packages().archive(changed)).isEqualTo(new AlreadyExists<>(Optional.of(first), false));
        assertThat(bed.bytes(ObjectLocation.of(bed.packages, first.location().key()))).isEqualTo(zip);
    }
}
