package tongban.storage;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.acceptance.UnclaimedDocuments;
import tongban.archive.Archive;
import tongban.archive.AuditReport;
import tongban.archive.ObjectLock;
import tongban.archive.ObjectLockUnavailableException;
import tongban.archive.ReconciliationReport;
import tongban.platform.ApiProblem;
import tongban.platform.Reason;
import tools.jackson.databind.JsonNode;

/**
 * The operators' archive endpoints (role OPERATOR): fixity audits, reconciliation, and the Object Lock state of
 * archived objects with legal holds (法律保全) for disputes.
 */
@RestController
@RequestMapping("/api/v1/archive")
class ArchiveOperationsController {

    private final Archive archive;
    private final UnclaimedDocuments unclaimed;
    private final AuditRunner audits;
    private final ApplicationEventPublisher events;

    ArchiveOperationsController(Archive archive, UnclaimedDocuments unclaimed, AuditRunner audits,
                                ApplicationEventPublisher events) {
        this.archive = archive;
        this.unclaimed = unclaimed;
        this.audits = audits;
        this.events = events;
    }

    /** Starts a fixity audit in the background: 202 with the run's address, 409 if one is running. */
    @PostMapping("/audit")
    ResponseEntity<AuditStarted> startAudit(Authentication login) {
        UUID id = audits.start().orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "AUDIT_RUNNING",
                "a fixity audit is running; wait for it to finish"));
        events.publishEvent(new FixityAuditStarted(login.getName(), id));
        URI run = URI.create("/api/v1/archive/audit/runs/" + id);
        return ResponseEntity.accepted().location(run).body(new AuditStarted(id, run));
    }

    @GetMapping("/audit/runs/{id}")
    AuditView auditRun(@PathVariable UUID id) {
        return archive.fixity().find(id).map(AuditView::of)
                .orElseThrow(() -> ApiProblem.notFound("AUDIT_RUN_NOT_FOUND", "no fixity audit run " + id));
    }

    @GetMapping("/audit/latest")
    AuditView latestAudit() {
        return archive.fixity().latest().map(AuditView::of)
                .orElseThrow(() -> ApiProblem.notFound("NO_AUDIT_YET", "no fixity audit has run yet"));
    }

    /** Compares the store with the registry, and the registry with the applications; deletes nothing. */
    @GetMapping("/reconciliation")
    ReconciliationView reconcile() {
        return ReconciliationView.of(archive.reconciliation().reconcile(), unclaimed.find());
    }

    /** Reconciles and deletes the orphans older than the grace period; audited with what was deleted. */
    @PostMapping("/reconciliation/clean")
    ReconciliationView clean(Authentication login) {
        ReconciliationReport report = archive.reconciliation().cleanOrphans();
        events.publishEvent(new OrphansCleaned(login.getName(), report.deleted().stream()
                .map(o -> o.bucket() + "/" + o.key() + o.versionId().map(v -> "@" + v).orElse("")).toList()));
        return ReconciliationView.of(report, unclaimed.find());
    }

    /** The certificate object's retention and legal hold, as the store reports them now. */
    @GetMapping("/certificates/{id}/lock")
    LockView certificateLock(@PathVariable String id) {
        return archive.certificates().lock(certificateId(id)).map(LockView::of).orElseThrow(() -> noCertificate(id));
    }

    /** Places ({@code "on": true}) or lifts a legal hold on the certificate object, with the reason; audited. */
    @PutMapping(path = "/certificates/{id}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
    LockView certificateLegalHold(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        LegalHoldRequest request = LegalHoldRequest.of(body);
        UUID certificate = certificateId(id);
        LockView lock = held(() -> archive.certificates().legalHold(certificate, request.on()))
                .orElseThrow(() -> noCertificate(id));
        events.publishEvent(new LegalHoldChanged(login.getName(), "certificate/" + certificate, request.on(), request.reason()));
        return lock;
    }

    /** The application package object's retention and legal hold, as the store reports them now. */
    @GetMapping("/packages/{applicationId}/lock")
    LockView packageLock(@PathVariable String applicationId) {
        return archive.packages().lock(applicationId).map(LockView::of).orElseThrow(() -> noPackage(applicationId));
    }

    /** Places or lifts a legal hold on the application's package; audited. */
    @PutMapping(path = "/packages/{applicationId}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE)
    LockView packageLegalHold(@PathVariable String applicationId, @RequestBody JsonNode body, Authentication login) {
        LegalHoldRequest request = LegalHoldRequest.of(body);
        LockView lock = held(() -> archive.packages().legalHold(applicationId, request.on()))
                .orElseThrow(() -> noPackage(applicationId));
        events.publishEvent(new LegalHoldChanged(login.getName(), "application/" + applicationId, request.on(), request.reason()));
        return lock;
    }

    private static Optional<LockView> held(Supplier<Optional<ObjectLock>> change) {
        try {
            return change.get().map(LockView::of);
        } catch (ObjectLockUnavailableException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "OBJECT_LOCK_UNAVAILABLE",
                    e.getMessage() + "; a legal hold needs a store with S3 Object Lock (see the README)");
        }
    }

    private static UUID certificateId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw noCertificate(id);
        }
    }

    private static ApiProblem noCertificate(String id) {
        return ApiProblem.notFound("CERTIFICATE_NOT_FOUND", "no certificate " + id);
    }

    private static ApiProblem noPackage(String applicationId) {
        return ApiProblem.notFound("PACKAGE_NOT_FOUND", "no archived package of application " + applicationId);
    }

    /** {@code {"on": true, "reason": "…"}}: both required. */
    record LegalHoldRequest(boolean on, String reason) {

        static LegalHoldRequest of(JsonNode body) {
            if (!body.path("on").isBoolean()) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_LEGAL_HOLD", "\"on\" must be true (place) or false (lift)",
                        "$.on", List.of());
            }
            Reason reason = Reason.of(body, "the legal hold, e.g. the dispute's case number");
            return new LegalHoldRequest(body.path("on").asBoolean(), reason.text());
        }
    }

    /** {@code mode} COMPLIANCE (or null without Object Lock), the store's retain-until date, the legal hold. */
    record LockView(String mode, Instant retainUntil, boolean legalHold) {

        static LockView of(ObjectLock lock) {
            return new LockView(lock.mode().orElse(null), lock.retainUntil().orElse(null), lock.legalHold());
        }
    }

    record AuditStarted(UUID runId, URI run) {
    }

    record AuditView(UUID id, String state, Instant startedAt, Instant finishedAt, long objectsChecked, long bytesRead,
                     double megabytesPerSecond, String failure, List<FindingView> findings) {

        static AuditView of(AuditReport report) {
            return new AuditView(report.id(), report.state().name(), report.startedAt(), report.finishedAt().orElse(null),
                    report.objectsChecked(), report.bytesRead(), Math.round(report.megabytesPerSecond() * 10) / 10.0,
                    report.failure().orElse(null), report.findings().stream()
                    .map(f -> new FindingView(f.kind().name(), f.bucket(), f.key(), f.recordId(), f.detail())).toList());
        }
    }

    record FindingView(String kind, String bucket, String key, UUID recordId, String detail) {
    }

    /** {@code unclaimedDocuments}: registered documents no application points to (never a holder's). */
    record ReconciliationView(Instant checkedAt, long objectsListed, long recordsChecked, List<OrphanView> orphans,
                              List<MissingView> missing, List<DeleteMarkerView> deleteMarkers, List<OrphanView> deleted,
                              List<UnclaimedDocuments.Unclaimed> unclaimedDocuments) {

        static ReconciliationView of(ReconciliationReport report, List<UnclaimedDocuments.Unclaimed> unclaimed) {
            return new ReconciliationView(report.checkedAt(), report.objectsListed(), report.recordsChecked(),
                    report.orphans().stream().map(OrphanView::of).toList(),
                    report.missing().stream().map(m -> new MissingView(m.recordId(), m.bucket(), m.key())).toList(),
                    report.deleteMarkers().stream()
                            .map(m -> new DeleteMarkerView(m.recordId(), m.bucket(), m.key(), m.markedAt())).toList(),
                    report.deleted().stream().map(OrphanView::of).toList(), unclaimed);
        }
    }

    /** Someone deleted a registered object's key without a version id; reads of the registered version are unaffected. */
    record DeleteMarkerView(UUID recordId, String bucket, String key, Instant markedAt) {
    }

    record OrphanView(String bucket, String key, String versionId, long size, Instant lastModified, String recordedReason) {

        static OrphanView of(ReconciliationReport.Orphan orphan) {
            return new OrphanView(orphan.bucket(), orphan.key(), orphan.versionId().orElse(null), orphan.size(),
                    orphan.lastModified(), orphan.recordedReason().orElse(null));
        }
    }

    record MissingView(UUID recordId, String bucket, String key) {
    }
}
