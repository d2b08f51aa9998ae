package tongban.storage;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.archive.Archive;
import tongban.archive.AuditReport;
import tongban.archive.ReconciliationReport;
import tongban.platform.ApiProblem;

/** The operators' archive endpoints (role OPERATOR): fixity audits and reconciliation. */
@RestController
@RequestMapping("/api/v1/archive")
class ArchiveOperationsController {

    private final Archive archive;
    private final AuditRunner audits;

    ArchiveOperationsController(Archive archive, AuditRunner audits) {
        this.archive = archive;
        this.audits = audits;
    }

    /** Starts a fixity audit in the background: 202 with the run's address, 409 if one is running. */
    @PostMapping("/audit")
    ResponseEntity<AuditStarted> startAudit() {
        UUID id = audits.start().orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "AUDIT_RUNNING",
                "a fixity audit is running; wait for it to finish"));
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

    /** Compares the store with the registry; deletes nothing. */
    @GetMapping("/reconciliation")
    ReconciliationView reconcile() {
        return ReconciliationView.of(archive.reconciliation().reconcile());
    }

    /** Reconciles and deletes the orphans older than the grace period. */
    @PostMapping("/reconciliation/clean")
    ReconciliationView clean() {
        return ReconciliationView.of(archive.reconciliation().cleanOrphans());
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

    record ReconciliationView(Instant checkedAt, long objectsListed, long recordsChecked, List<OrphanView> orphans,
                              List<MissingView> missing, List<OrphanView> deleted) {

        static ReconciliationView of(ReconciliationReport report) {
            return new ReconciliationView(report.checkedAt(), report.objectsListed(), report.recordsChecked(),
                    report.orphans().stream().map(OrphanView::of).toList(),
                    report.missing().stream().map(m -> new MissingView(m.recordId(), m.bucket(), m.key())).toList(),
                    report.deleted().stream().map(OrphanView::of).toList());
        }
    }

    record OrphanView(String bucket, String key, long size, Instant lastModified, String recordedReason) {

        static OrphanView of(ReconciliationReport.Orphan orphan) {
            return new OrphanView(orphan.bucket(), orphan.key(), orphan.size(), orphan.lastModified(),
                    orphan.recordedReason().orElse(null));
        }
    }

    record MissingView(UUID recordId, String bucket, String key) {
    }
}
