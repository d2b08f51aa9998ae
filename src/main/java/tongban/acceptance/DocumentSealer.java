package tongban.acceptance;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.ArchiveResult;
import tongban.archive.ECertificate;
import tongban.archive.StoreCertificate;
import tongban.seal.SealCommand;
import tongban.seal.SealPosition;
import tongban.seal.SealService;
import tongban.seal.SealedDocument;

/**
 * Seals a rendered document with the department's seal and stores it write-once under its reserved id and
 * number. A document already stored under them (an earlier attempt that got that far) is taken as it is, so a
 * retry never makes a second one.
 */
@Component
class DocumentSealer {

    private static final Logger log = LoggerFactory.getLogger(DocumentSealer.class);

    private final SealService seals;
    private final Archive archive;

    DocumentSealer(SealService seals, Archive archive) {
        this.seals = seals;
        this.archive = archive;
    }

    /** What was stored: the registered record and the sealed bytes (for the e-archive package). */
    record Sealed(ECertificate record, byte[] pdf) {
    }

    /** The document stored under this type and number, if an earlier attempt got that far. */
    Optional<Sealed> stored(String type, String number) {
        return archive.certificates().findByNumber(type, number)
                .map(found -> new Sealed(found, archive.certificates().content(found.id()).orElseThrow()));
    }

    Sealed sealAndStore(UUID id, String type, String number, String department, String issuer, String holder,
                        byte[] pdf, tongban.documents.SealPosition at, Optional<Instant> validUntil, String actor,
                        String reason) {
        log.debug("sealing document {}", id);
        SealedDocument sealed = seals.seal(new SealCommand(department, pdf,
                new SealPosition(at.page(), at.x(), at.y(), at.width(), at.height()), actor, reason, null));
        log.debug("storing document {}", id);
        ArchiveResult<ECertificate> stored = archive.certificates().store(new StoreCertificate(id, type, number, holder,
                issuer, sealed.sealedAt(), validUntil, sealed.pdf()));
        if (stored instanceof ArchiveResult.Stored<ECertificate> s) {
            return new Sealed(s.record(), sealed.pdf());
        }
        // a concurrent or earlier attempt stored it first: that one is the document
        ECertificate registered = ((ArchiveResult.AlreadyExists<ECertificate>) stored).registered().orElseThrow();
        return new Sealed(registered, archive.certificates().content(registered.id()).orElseThrow());
    }
}
