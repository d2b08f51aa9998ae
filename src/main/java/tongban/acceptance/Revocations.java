package tongban.acceptance;

import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.archive.ECertificate;
import tongban.archive.Revocation;
import tongban.archive.RevokeCertificate;
import tongban.platform.ApiProblem;
import tongban.platform.Reason;

/**
 * An officer revokes (吊销) a certificate, from the API or the workbench: once. A certificate revoked before keeps its
 * first reason and time, and the officer is told so ({@code ALREADY_REVOKED}) rather than shown a revocation that did
 * not happen.
 */
@Component
class Revocations {

    private final Archive archive;
    private final ApplicationEventPublisher events;

    Revocations(Archive archive, ApplicationEventPublisher events) {
        this.archive = archive;
        this.events = events;
    }

    ECertificate revoke(UUID certificate, Reason reason, String officer) {
        Revocation revocation = archive.certificates().revoke(new RevokeCertificate(certificate, reason.text()))
                .orElseThrow(() -> ApiProblem.notFound("CERTIFICATE_NOT_FOUND", "no certificate " + certificate));
        if (!revocation.revokedNow()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "ALREADY_REVOKED", "certificate " + certificate + " was revoked at "
                    + revocation.certificate().statusChangedAt().map(Object::toString).orElse("an earlier time")
                    + "; its first revocation and reason stand");
        }
        events.publishEvent(new CertificateRevoked(officer, certificate, reason.text()));
        return revocation.certificate();
    }
}
