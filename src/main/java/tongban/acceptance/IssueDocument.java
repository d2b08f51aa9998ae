package tongban.acceptance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.ArchiveApplication;
import tongban.archive.ArchiveResult;
import tongban.archive.DocumentKind;
import tongban.archive.ECertificate;
import tongban.archive.StoreCertificate;
import tongban.platform.Json;
import tongban.seal.SealCommand;
import tongban.seal.SealPosition;
import tongban.seal.SealService;
import tongban.seal.SealedDocument;

/**
 * The one way a sealed document is issued, whatever it is (a certificate, a notice, an inspection's notice or order):
 * render, seal with the department's seal, store write-once under its reserved id and number (the e-certificate
 * library registers it), and archive it in its e-archive package (an application's, or an inspection's). The caller
 * registers the outcome on its own record (e.g. the application's status) with its domain events. Every step takes
 * what an earlier, interrupted attempt left (the stored document, the archived package), so a retry after any crash
 * ends with one document; no database connection is held between the steps.
 */
@Component
public class IssueDocument {

    private static final Logger log = LoggerFactory.getLogger(IssueDocument.class);

    private final SealService seals;
    private final Archive archive;
    private final Clock clock;

    IssueDocument(SealService seals, Archive archive, Clock clock) {
        this.seals = seals;
        this.archive = archive;
        this.clock = clock;
    }

    /**
     * A document to issue, under the id and number reserved for it.
     *
     * @param kind       what it is registered as (a notice is no e-certificate)
     * @param department the department whose seal it bears
     * @param issuer     the issuing department as registered
     * @param holder     the holder's identifier (ID number or credit code)
     * @param render     makes the unsealed PDF and says where the seal goes; not called when it is stored already
     */
    public record Command(UUID id, DocumentKind kind, String type, String number, String department, String issuer,
                   String holder, Optional<Instant> validUntil, String actor, String reason, Supplier<Rendered> render,
                   Filing filing) {
    }

    /** A rendered, unsealed document and the rectangle its template keeps for the seal. */
    public record Rendered(byte[] pdf, tongban.documents.SealPosition seal) {
    }

    /**
     * The e-archive package the document goes into, with what its application (or the record that issues it) said and
     * was decided on.
     *
     * @param facts the exact facts the decision was made on, as the JSON text kept with the record; null when the
     *              record kept none (an application decided before facts were kept)
     */
    public record Filing(String packageId, String item, String department, Instant submittedAt, Object request,
                  List<ArchiveApplication.Material> files, Object decision, String facts, String packVersion) {
    }

    /** What was issued: the registered record and the sealed bytes. */
    public record Issued(ECertificate record, byte[] pdf) {
    }

    public Issued issue(Command command) {
        Issued issued = stored(command.type(), command.number()).orElseGet(() -> sealAndStore(command));
        file(command.filing(), issued);
        return issued;
    }

    /** The document stored under this type and number, if an earlier attempt got that far. */
    public Optional<Issued> stored(String type, String number) {
        return archive.certificates().findByNumber(type, number)
                .map(found -> new Issued(found, archive.certificates().content(found.id()).orElseThrow()));
    }

    private Issued sealAndStore(Command c) {
        log.debug("rendering document {}", c.id());
        Rendered rendered = c.render().get();
        log.debug("sealing document {}", c.id());
        tongban.documents.SealPosition at = rendered.seal();
        SealedDocument sealed = seals.seal(new SealCommand(c.department(), rendered.pdf(),
                new SealPosition(at.page(), at.x(), at.y(), at.width(), at.height()), c.actor(), c.reason(), null));
        log.debug("storing document {}", c.id());
        ArchiveResult<ECertificate> stored = archive.certificates().store(new StoreCertificate(c.id(), c.type(),
                c.number(), c.holder(), c.issuer(), sealed.sealedAt(), c.validUntil(), sealed.pdf(), c.kind()));
        if (stored instanceof ArchiveResult.Stored<ECertificate> s) {
            return new Issued(s.record(), sealed.pdf());
        }
        // a concurrent or earlier attempt stored it first: that one is the document
        ECertificate registered = ((ArchiveResult.AlreadyExists<ECertificate>) stored).registered().orElseThrow();
        return new Issued(registered, archive.certificates().content(registered.id()).orElseThrow());
    }

    private void file(Filing f, Issued issued) {
        log.debug("archiving package {}", f.packageId());
        var report = seals.verify(issued.pdf());
        Instant now = clock.instant();
        archive.packages().archive(new ArchiveApplication(f.packageId(), f.item(), f.department(), f.submittedAt(),
                now.isBefore(f.submittedAt()) ? f.submittedAt() : now,
                Json.write(f.request()).getBytes(StandardCharsets.UTF_8), f.files(),
                Json.write(f.decision()).getBytes(StandardCharsets.UTF_8),
                Optional.ofNullable(f.facts()).map(facts -> facts.getBytes(StandardCharsets.UTF_8)), f.packVersion(),
                Optional.of(new ArchiveApplication.SealedCertificate(issued.record().id(), issued.pdf(),
                        Json.write(report).getBytes(StandardCharsets.UTF_8)))));
    }
}
