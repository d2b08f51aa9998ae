package tongban.acceptance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.acceptance.ApplicationStore.Upload;
import tongban.archive.ArchiveApplication;
import tongban.archive.ECertificate;
import tongban.identity.DataSharing;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.platform.Json;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries an application whose lease this node holds from its stored decision to its end (办结): the certificate or
 * notice issued ({@link IssueDocument}: sealed, registered and archived with the files kept for it) under the id and
 * number reserved (and committed) on the application first, then its status and domain events
 * ({@link CertificateIssued}, {@link NoticeIssued}, {@link ApplicationDecided}) in one short transaction. Every step
 * takes what an earlier, interrupted attempt left (the registered document, the archived package), so whoever
 * resumes it, after any crash, ends with one document. No database connection is held between the steps.
 */
@Component
class Issuance {

    private static final Logger log = LoggerFactory.getLogger(Issuance.class);

    private final RulePacks packs;
    private final DataSharing sharing;
    private final HeldCertificates certificates;
    private final CertificateIssuer issuer;
    private final NoticeIssuer notices;
    private final Fees fees;
    private final ApplicationStore applications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Issuance(RulePacks packs, DataSharing sharing, HeldCertificates certificates, CertificateIssuer issuer,
             NoticeIssuer notices, Fees fees, ApplicationStore applications, ApplicationEventPublisher events,
             Clock clock) {
        this.packs = packs;
        this.sharing = sharing;
        this.certificates = certificates;
        this.issuer = issuer;
        this.notices = notices;
        this.fees = fees;
        this.applications = applications;
        this.events = events;
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
        long feeFen = feeFen(decision);
        if (decision.outcome() == Decision.Outcome.ACCEPTABLE && feeFen > 0) {
            Fees.Due due = new Fees.Due(row.id(), row.username(), row.subjectId(),
                    Json.read(row.facts()).path("applicant").path("name").asString(row.username()), item.code(),
                    item.name().zh(), feeFen);
            if (!fees.paid(due)) {
                if (applications.awaitPayment(row.id(), () -> fees.stillDue(row.id()), () -> decided(row, item,
                        decision, ApplicationStatus.AWAITING_PAYMENT))) {
                    log.info("application {} of {} for {}: AWAITING_PAYMENT", row.id(), row.username(), item.code());
                    return applications.find(row.id()).orElseThrow();
                }
                if (!fees.paid(due)) {
                    // its order was closed (expired) while it was being resumed: never issued without its fee
                    applications.finish(row.id(), Set.of(ApplicationStatus.PROCESSING),
                            ApplicationStatus.PAYMENT_EXPIRED, () -> decided(row, item, decision,
                                    ApplicationStatus.PAYMENT_EXPIRED));
                    return applications.find(row.id()).orElseThrow();
                }
            }
        }
        LocalDate asOf = LocalDate.ofInstant(row.createdAt(), clock.getZone());
        log.debug("application {}: issuing its document", row.id());
        IssueDocument.Filing filing = filing(row.id().toString(), row, item, request,
                applications.uploads(row.id()).stream().map(Issuance::material).toList(), decision);
        boolean certificate = status == ApplicationStatus.ISSUED;
        IssueDocument.Issued document = certificate
                ? issuer.issue(row, item, data.shared(), request.path("form"), data.held(), asOf, filing)
                : notices.issue(row, item, decision, data.shared(), asOf, filing);
        log.debug("application {}: recording {}", row.id(), status);
        UUID documentId = document.record().id();
        String type = document.record().type();
        boolean mine = applications.finish(row.id(), Set.of(ApplicationStatus.PROCESSING), status, () -> {
            events.publishEvent(certificate ? new CertificateIssued(row.username(), documentId, type, row.id())
                    : new NoticeIssued(row.username(), documentId, type, row.id()));
            events.publishEvent(new ApplicationDecided(row.username(), row.id(), item.code(),
                    decision.outcome().name(), status.name(), false));
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
        IssueDocument.Issued issued = issuer.issue(row, item, shared, request.path("form"), held, LocalDate.now(clock),
                filing(row.id() + ".issued", row, item, request, List.of(), decision));
        applications.finish(row.id(), Set.of(ApplicationStatus.ACCEPTED), ApplicationStatus.ISSUED, () -> {
            events.publishEvent(new CertificateIssued(officer, issued.record().id(), issued.record().type(), row.id()));
            events.publishEvent(new ApplicationDecided(officer, row.id(), item.code(), decision.outcome().name(),
                    ApplicationStatus.ISSUED.name(), true));
        });
        return applications.find(row.id()).orElseThrow();
    }

    /**
     * Refuses an ACCEPTED application whose lease this node holds (see {@link SubmitApplication#refuse}): its refusal
     * decision, telling the officer's reason, is sealed under the id reserved first, then the application ends REFUSED
     * and its paid fee is due for a refund, in one transaction.
     */
    Row refuse(Row row, String officer, String reason) {
        ServiceItem item = item(row);
        Subject subject = sharing.subjectOf(row.username()).orElseThrow();
        ObjectNode request = (ObjectNode) Json.read(row.request());
        Decision accepted = Json.MAPPER.readValue(row.decision(), Decision.class);
        ApplicationStore.Refusal refusal = applications.reserveRefusal(row.id(), reason);
        Decision refused = new Decision(accepted.item(), accepted.packVersion(), accepted.asOf(),
                Decision.Outcome.INELIGIBLE, List.of(new Decision.DecisionReason("REFUSED_BY_OFFICER",
                        tongban.rules.vocabulary.Effect.INELIGIBLE, null, null,
                        new tongban.rules.vocabulary.Text(refusal.reason(), refusal.reason()))),
                accepted.materials(), accepted.visits(), accepted.atMostOnce(), accepted.fee(), accepted.timeLimit(),
                accepted.timeLimitWorkingDays(), accepted.trace());
        SharedData shared = sharing.read(subject, item.code(), officer);
        IssueDocument.Issued issued = notices.refusal(row, refusal.id(), item, refused, shared, LocalDate.now(clock),
                filing(row.id() + ".refused", row, item, request, List.of(), refused));
        applications.refuse(row.id(), () -> fees.stillDue(row.id()), () -> {
            fees.ended(row.id(), officer, ApplicationStatus.REFUSED.name());
            events.publishEvent(new NoticeIssued(officer, issued.record().id(), issued.record().type(), row.id()));
            events.publishEvent(new ApplicationDecided(officer, row.id(), item.code(), refused.outcome().name(),
                    ApplicationStatus.REFUSED.name(), true));
        });
        log.info("application {} refused by officer {}", row.id(), officer);
        return applications.find(row.id()).orElseThrow();
    }

    /** Fails a PROCESSING application cleanly, with its audit entry: the same request sent again retries it. */
    void fail(Row row, String failure) {
        applications.fail(row.id(), failure, () -> events.publishEvent(new ApplicationFailed(row.username(), row.id(),
                failure)));
    }

    private void decided(Row row, ServiceItem item, Decision decision, ApplicationStatus status) {
        events.publishEvent(new ApplicationDecided(row.username(), row.id(), item.code(), decision.outcome().name(),
                status.name(), false));
    }

    /** The decision's fee in fen (分), exactly: a fee with a fraction of a fen is a pack error, not a rounding. */
    static long feeFen(Decision decision) {
        if (decision.fee() == null || decision.fee().amount() == null) {
            return 0;
        }
        return decision.fee().amount().movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
    }

    private ServiceItem item(Row row) {
        return packs.item(row.item()).orElseThrow(() ->
                new IllegalStateException("the item " + row.item() + " is no longer served"));
    }

    private static IssueDocument.Filing filing(String packageId, Row row, ServiceItem item, ObjectNode request,
                                               List<ArchiveApplication.Material> files, Decision decision) {
        return new IssueDocument.Filing(packageId, item.code(), item.department().name().zh(), row.createdAt(), request,
                files, decision, row.facts(), decision.packVersion());
    }

    private static ArchiveApplication.Material material(Upload u) {
        return new ArchiveApplication.Material(u.code(), u.fileName(), u.mediaType(), u.content());
    }
}
