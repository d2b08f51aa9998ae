package tongban.acceptance;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.CertificateStatus;
import tongban.archive.DocumentKind;
import tongban.archive.ECertificate;
import tongban.documents.CertificateType;
import tongban.documents.RenderCertificate;
import tongban.platform.Json;

/**
 * The e-certificates a holder holds: those registered for them whose application is issued. A registered
 * document no application claims (left by a crash before this rule, or written by hand) is never a holder's: it is
 * neither listed to them nor used as a fact, and reconciliation reports it ({@link UnclaimedDocuments}).
 */
@Component
public class HeldCertificates {

    private final Archive archive;
    private final ApplicationStore applications;
    private final RenderCertificate render;

    HeldCertificates(Archive archive, ApplicationStore applications, RenderCertificate render) {
        this.archive = archive;
        this.applications = applications;
        this.render = render;
    }

    /** A valid certificate to choose, by its number, with the holder name it was issued under when it has one. */
    public record Choice(String number, String name) {
    }

    /**
     * The holder's valid certificates of {@code type}, as choices: each named as its template's {@code label} says,
     * from what its own application's form said (a business's name), so none is shown by number alone when its
     * application named it.
     */
    public List<Choice> choices(String holder, String type) {
        Optional<CertificateType> template = render.type(type);
        return of(holder).stream().filter(c -> c.type().equals(type) && c.status() == CertificateStatus.VALID)
                .map(c -> new Choice(c.number(), template.flatMap(t -> applications.issuerOf(c.number())
                        .map(row -> Json.read(row.request()).path("form"))
                        .map(form -> t.label(t.values(path -> path.startsWith("form.")
                                && form.path(path.substring(5)).isString() ? form.path(path.substring(5)).asString() : null))))
                        .orElse(null)))
                .toList();
    }

    public List<ECertificate> of(String holder) {
        // notices and other documents are the holder's too, but only e-certificates are held, reused and listed
        List<ECertificate> registered = archive.certificates().listByHolder(holder).stream()
                .filter(c -> c.kind() == DocumentKind.CERTIFICATE).toList();
        Set<UUID> issued = applications.issuedAmong(registered.stream().map(ECertificate::id).toList());
        return registered.stream().filter(c -> issued.contains(c.id())).toList();
    }
}
