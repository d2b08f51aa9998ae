package tongban.acceptance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.acceptance.ApplicationStore.Upload;
import tongban.archive.Archive;
import tongban.archive.ArchiveApplication;
import tongban.archive.ECertificate;
import tongban.audit.AuditLog;
import tongban.identity.DataSharing;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.platform.Json;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.SealService;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries an application whose lease this node holds from its stored decision to its end (办结): the certificate or
 * notice sealed and registered under the id and number reserved (and committed) on the application first, the
 * e-archive package with the files kept for it, then status and audit entries in one short transaction. Every step
 * takes what an earlier, interrupted attempt left (the registered document, the archived package), so whoever
 * resumes it, after any crash, ends with one document. No database connection is held between the steps.
 */
@Component
class Issuance {

    private static final Logger log = LoggerFactory.getLogger(Issuance.class);

    private final RulePacks packs;
    private final DataSharing sharing;
    private final Archive archive;
    private final HeldCertificates certificates;
    private final CertificateIssuer issuer;
    private final NoticeIssuer notices;
    private final ApplicationStore applications;
    private final SealService seals;
    private final AuditLog audit;
    private final Clock clock;

    Issuance(RulePacks packs, DataSharing sharing, Archive archive, HeldCertificates certificates, CertificateIssuer issuer,
             NoticeIssuer notices, ApplicationStore applications, SealService seals, AuditLog audit, Clock clock) {
        this.packs = packs;
        this.sharing = sharing;
        this.archive = archive;
        this.certificates = certificates;
        this.issuer = issuer;
        this.notices = notices;
        this.applications = applications;
        this.seals = seals;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the submission read while deciding, reused rather than read again. */
    record Read(SharedData shared, List<ECertificate> held) {
    }

    /** Finishes a PROCESSING application; {@code read} is empty when resuming one (the data are read again). */
    Row process(Row row, Optional<Read> read) {
        ServiceItem item = item(row);
        Read data = read.orElseGet(() -> {
            Subject subject = sharing.subjectOf(row.username()).orElseThrow(() ->
                    new IllegalStateException("application " + row.id() + " of an unknown login"));
            return new Read(sharing.read(subject, item.code(), row.username()),
                    certificates.of(subject.id()));
        });
        ObjectNode request = (ObjectNode) Json.read(row.request());
        Decision decision = Json.MAPPER.readValue(row.decision(), Decision.class);
        ApplicationStatus status = switch (decision.outcome()) {
            case INELIGIBLE -> ApplicationStatus.INELIGIBLE;
            case NOT_APPLICABLE -> ApplicationStatus.NOT_APPLICABLE;
            case INCOMPLETE -> ApplicationStatus.INCOMPLETE;
            case ACCEPTABLE -> decision.visits().steps().stream().anyMatch(Decision.Step::beforeDecision)
                    ? ApplicationStatus.ACCEPTED : ApplicationStatus.ISSUED;
        };
        LocalDate asOf = LocalDate.ofInstant(row.createdAt(), clock.getZone());
        log.debug("application {}: issuing its document", row.id());
        DocumentSealer.Sealed document = status == ApplicationStatus.ISSUED
                ? issuer.issue(row, item, data.shared(), request.path("form"), data.held(), asOf)
                : notices.issue(row, item, decision, data.shared(), asOf);
        List<ArchiveApplication.Material> files = applications.uploads(row.id()).stream()
                .map(Issuance::material).toList();
        archivePackage(row.id().toString(), row, item, request, files, decision, document);
        log.debug("application {}: recording {}", row.id(), status);
        boolean mine = applications.finish(row.id(), Set.of(ApplicationStatus.PROCESSING), status, () -> {
            audit.record(row.username(), status == ApplicationStatus.ISSUED ? "CERTIFICATE_ISSUED" : "NOTICE_ISSUED",
                    "document/" + document.record().id(),
                    Map.of("application", row.id().toString(), "type", document.record().type()));
            audit.record(row.username(), "APPLICATION_" + status.name(), "application/" + row.id(),
                    Map.of("item", item.code(), "outcome", decision.outcome().name()));
        });
        if (mine) {
            log.info("application {} of {} for {}: {}", row.id(), row.username(), item.code(), status);
        }
        return applications.find(row.id()).orElseThrow();
    }

    /**
     * Issues the certificate of an ACCEPTED application whose lease this node holds, after its in-person step
     * (see {@link SubmitApplication#complete}), into a package of its own beside the application's first one.
     */
    Row complete(Row row, String officer) {
        ServiceItem item = item(row);
        Subject subject = sharing.subjectOf(row.username()).orElseThrow();
        ObjectNode request = (ObjectNode) Json.read(row.request());
        Decision decision = Json.MAPPER.readValue(row.decision(), Decision.class);
        SharedData shared = sharing.read(subject, item.code(), officer);
        List<ECertificate> held = certificates.of(subject.id());
        DocumentSealer.Sealed issued = issuer.issue(row, item, shared, request.path("form"), held, LocalDate.now(clock));
        archivePackage(row.id() + ".issued", row, item, request, List.of(), decision, issued);
        applications.finish(row.id(), Set.of(ApplicationStatus.ACCEPTED), ApplicationStatus.ISSUED, () ->
                audit.record(officer, "APPLICATION_COMPLETED", "application/" + row.id(),
                        Map.of("certificate", issued.record().id().toString())));
        return applications.find(row.id()).orElseThrow();
    }

    /** Fails a PROCESSING application cleanly, with its audit entry: the same request sent again retries it. */
    void fail(Row row, String failure) {
        applications.fail(row.id(), failure, () -> audit.record(row.username(), "APPLICATION_FAILED",
                "application/" + row.id(), Map.of("failure", failure)));
    }

    private ServiceItem item(Row row) {
        return packs.item(row.item()).orElseThrow(() ->
                new IllegalStateException("the item " + row.item() + " is no longer served"));
    }

    private void archivePackage(String packageId, Row row, ServiceItem item, ObjectNode request,
                                List<ArchiveApplication.Material> files, Decision decision, DocumentSealer.Sealed issued) {
        log.debug("application {}: archiving package {}", row.id(), packageId);
        var report = seals.verify(issued.pdf());
        Instant now = clock.instant();
        archive.packages().archive(new ArchiveApplication(packageId, item.code(), item.department().name().zh(),
                row.createdAt(), now.isBefore(row.createdAt()) ? row.createdAt() : now,
                Json.write(request).getBytes(StandardCharsets.UTF_8), files,
                Json.write(decision).getBytes(StandardCharsets.UTF_8), decision.packVersion(),
                Optional.of(new ArchiveApplication.SealedCertificate(issued.record().id(), issued.pdf(),
                        Json.write(report).getBytes(StandardCharsets.UTF_8)))));
    }

    private static ArchiveApplication.Material material(Upload u) {
        return new ArchiveApplication.Material(u.code(), u.fileName(), u.mediaType(), u.content());
    }
}
