package tongban.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Store a sealed certificate PDF (or another {@link DocumentKind} of sealed document) in the e-certificate library. {@code id} is chosen by the issuer beforehand (it is
 * printed in the certificate's QR code); {@code type} is the certificate type's code (e.g. {@code business-licence});
 * {@code type} and {@code number} together identify it for ever; {@code holder} is the holder's identifier (ID
 * number or unified social credit code), {@code issuer} the issuing department.
 */
public record StoreCertificate(UUID id, String type, String number, String holder, String issuer, Instant issuedAt,
                               Optional<Instant> validUntil, byte[] pdf, DocumentKind kind) {

    static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final Pattern NUMBER = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,127}");

    public StoreCertificate {
        Check.present("id", id);
        Check.matches("type", type, TYPE);
        Check.matches("number", number, NUMBER);
        Check.text("holder", holder, 128);
        Check.text("issuer", issuer, 256);
        Check.present("issuedAt", issuedAt);
        Check.present("validUntil", validUntil);
        if (validUntil.isPresent() && !validUntil.get().isAfter(issuedAt)) {
            throw new InvalidArchiveInputException("validUntil", "must be after issuedAt");
        }
        Check.pdf("pdf", pdf);
        Check.present("kind", kind);
    }

    /** An e-certificate (the kind most documents are). */
    public StoreCertificate(UUID id, String type, String number, String holder, String issuer, Instant issuedAt,
                            Optional<Instant> validUntil, byte[] pdf) {
        this(id, type, number, holder, issuer, issuedAt, validUntil, pdf, DocumentKind.CERTIFICATE);
    }
}
