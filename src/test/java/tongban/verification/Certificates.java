package tongban.verification;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tongban.archive.Archive;
import tongban.archive.ArchiveResult;
import tongban.archive.RevokeCertificate;
import tongban.archive.StoreCertificate;
import tongban.documents.CertificateData;
import tongban.documents.CertificateDocument;
import tongban.documents.CertificateType;
import tongban.documents.RenderCertificate;
import tongban.seal.SealCommand;
import tongban.seal.SealPosition;
import tongban.seal.SealService;
import tongban.seal.SealedDocument;

/**
 * Genuine certificates for the tests, made as issuance makes them: rendered from the business licence template,
 * sealed by the market regulator's seal, stored and registered in the archive under the id its QR code carries.
 */
final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RenderCertificate render;
    private final SealService seals;
    private final Archive archive;

    Certificates(RenderCertificate render, SealService seals, Archive archive) {
        this.render = render;
        this.seals = seals;
        this.archive = archive;
    }

    /** What was issued: the registry id, the printed number and the sealed PDF. */
    record Issued(UUID id, String number, byte[] pdf) {
    }

    /** A business licence issued now, with no time limit. */
    Issued issue() {
        return issue(UUID.randomUUID(), Instant.now(), Optional.empty());
    }

    /** A licence issued two years ago whose validity ended yesterday. */
    Issued issueExpired() {
        Instant now = Instant.now();
        return issue(UUID.randomUUID(), now.minus(Duration.ofDays(730)), Optional.of(now.minus(Duration.ofDays(1))));
    }

    /** Sealed by our seal and naming {@code id}, but never stored: what a leak of the issuing pipeline could make. */
    byte[] sealedButNotArchived(UUID id, String number) {
        return seal(id, number, "上海市黄浦区另一家便利店");
    }

    /** A business licence number no test has used: a random sequence in a division the demo data leaves alone. */
    static String newNumber() {
        return BusinessLicences.TYPE.number("310115", LocalDate.now(), RANDOM.nextLong(887_503_681L), Map.of());
    }

    /** The business licence type as its template declares it, read once. */
    private static final class BusinessLicences {
        static final CertificateType TYPE = new RenderCertificate(Path.of("templates")).type("business-licence")
                .orElseThrow();
    }

    Issued issue(UUID id, Instant issuedAt, Optional<Instant> validUntil) {
        return issue(id, issuedAt, validUntil, "310101198503121236");
    }

    /** A business licence issued now to {@code holder} (an ID number of the demo base library, say). */
    Issued issueTo(String holder) {
        return issue(UUID.randomUUID(), Instant.now(), Optional.empty(), holder);
    }

    private Issued issue(UUID id, Instant issuedAt, Optional<Instant> validUntil, String holder) {
        String number = newNumber();
        byte[] pdf = seal(id, number, "上海市浦东新区验证便利店");
        ArchiveResult<?> stored = archive.certificates().store(new StoreCertificate(id, "business-licence", number,
                holder, "上海市市场监督管理局", issuedAt, validUntil, pdf));
        if (!(stored instanceof ArchiveResult.Stored<?>)) {
            throw new IllegalStateException("certificate " + number + " not stored: " + stored);
        }
        return new Issued(id, number, pdf);
    }

    void revoke(UUID id, String reason) {
        archive.certificates().revoke(new RevokeCertificate(id, reason)).orElseThrow();
    }

    private byte[] seal(UUID id, String number, String businessName) {
        CertificateDocument document = render.render(new CertificateData(id.toString(), "business-licence", number,
                "陈建国", "310101198503121236", "上海市市场监督管理局", LocalDate.now(), null,
                Map.of("businessName", businessName, "businessScope", List.of("retail-general"),
                        "premisesAddress", "上海市浦东新区世纪大道100号1层"),
                URI.create("https://tongban.example.cn")));
        var at = document.seal();
        SealedDocument sealed = seals.seal(new SealCommand("shanghai-amr", document.pdf(),
                new SealPosition(at.page(), at.x(), at.y(), at.width(), at.height()), "verification-tests",
                "test certificate " + number, null));
        return sealed.pdf();
    }
}
