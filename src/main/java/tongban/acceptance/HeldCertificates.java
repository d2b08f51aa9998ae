package tongban.acceptance;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.DocumentKind;
import tongban.archive.ECertificate;

/**
 * The e-certificates a holder holds: those registered for them whose application is issued. A registered
 * document no application claims (left by a crash before this rule, or written by hand) is never a holder's: it is
 * neither listed to them nor used as a fact, and reconciliation reports it ({@link UnclaimedDocuments}).
 */
@Component
public class HeldCertificates {

    private final Archive archive;
    private final ApplicationStore applications;

    HeldCertificates(Archive archive, ApplicationStore applications) {
        this.archive = archive;
        this.applications = applications;
    }

    public List<ECertificate> of(String holder) {
        // notices and other documents are the holder's too, but only e-certificates are held, reused and listed
        List<ECertificate> registered = archive.certificates().listByHolder(holder).stream()
                .filter(c -> c.kind() == DocumentKind.CERTIFICATE).toList();
        Set<UUID> issued = applications.issuedAmong(registered.stream().map(ECertificate::id).toList());
        return registered.stream().filter(c -> issued.contains(c.id())).toList();
    }
}
