package tongban.acceptance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.acceptance.ApplicationView.CertificateLink;
import tongban.acceptance.ApplicationView.DocumentLink;
import tongban.acceptance.ApplicationView.MaterialView;
import tongban.acceptance.FactsAssembler.Offered;
import tongban.archive.ECertificate;
import tongban.identity.DataSharing;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.materials.InspectedMaterial;
import tongban.materials.MaterialsInspector;
import tongban.materials.ReceivedFile;
import tongban.materials.RejectionCode;
import tongban.platform.Json;
import tongban.rules.Decision;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tools.jackson.databind.node.ObjectNode;

/**
 * Precheck, submit and track applications (SubmitApplication). A submission is decided before anything is
 * stored, so bad input leaves nothing behind; then it is stored, decision and accepted files included, under its
 * Idempotency-Key in one short transaction that also gives this node the application's lease, and issued with no
 * database connection held (see {@link Issuance}). A concurrent duplicate waits for that one result without a
 * connection, polling with backoff up to {@code tongban.applications.duplicate-wait}, then is told the request is
 * still in progress; a retry after a crash or a failure takes the lease over and finishes the same application.
 */
@Component
public class SubmitApplication {

    private static final Logger log = LoggerFactory.getLogger(SubmitApplication.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final RulePacks packs;
    private final DataSharing sharing;
    private final MaterialsInspector inspector;
    private final ApplicationStore applications;
    private final HeldCertificates certificates;
    private final Issuance issuance;
    private final Leases leases;
    private final Districts districts;
    private final Fees fees;
    private final ApplicationEventPublisher events;
    private final Duration duplicateWait;
    private final Clock clock;
    private final Map<String, CompletableFuture<Row>> inFlight = new ConcurrentHashMap<>();

    SubmitApplication(RulePacks packs, DataSharing sharing, MaterialsInspector inspector, ApplicationStore applications,
                      HeldCertificates certificates, Issuance issuance, Leases leases, Districts districts, Fees fees,
                      ApplicationEventPublisher events, @Value("${tongban.applications.duplicate-wait:20s}") Duration duplicateWait, Clock clock) {
        this.packs = packs;
        this.sharing = sharing;
        this.inspector = inspector;
        this.applications = applications;
        this.certificates = certificates;
        this.issuance = issuance;
        this.leases = leases;
        this.districts = districts;
        this.fees = fees;
        this.events = events;
        this.duplicateWait = duplicateWait;
        this.clock = clock;
    }

    /**
     * What is applied for (申请): the service item's code, the form's answers and the options (a commitment, the
     * delivery), as plain values (maps, lists, strings, numbers, booleans); a null form or options is none.
     */
    public record Application(String item, Map<String, Object> form, Map<String, Object> options,
                              PostalAddress postal) {

        /** An application with no postal address (delivery ONLINE or PICKUP, or a precheck). */
        public Application(String item, Map<String, Object> form, Map<String, Object> options) {
            this(item, form, options, null);
        }
    }

    /** A material offered to a precheck by its code and declared media type, with no file yet. */
    public record OfferedMaterial(String code, String mediaType) {
    }

    /** A precheck: the decision {@code application} would get now with {@code materials} offered. */
    public record PrecheckCommand(Subject subject, Application application, List<OfferedMaterial> materials) {
    }

    /**
     * A submission as received: the subject applying, the Idempotency-Key, the application and the files; and how it
     * came in: online by the subject's own login, or at a window ({@link Channel#WINDOW}) by {@code officer}, whose
     * {@code officerDistrict} then serves it.
     */
    public record SubmitCommand(Subject subject, String idempotencyKey, Application application,
                                List<ReceivedUpload> uploads, Channel channel, String officer, String officerDistrict) {

        /** An online submission by the subject's own login. */
        public SubmitCommand(Subject subject, String idempotencyKey, Application application,
                             List<ReceivedUpload> uploads) {
            this(subject, idempotencyKey, application, uploads, Channel.ONLINE, null, null);
        }
    }

    /** What was sent cannot be an application (or names none of the caller's); nothing was stored. */
    public static final class Refused extends RuntimeException {

        /** Why, by the stable code the API answers with. */
        public enum Reason {
            IDEMPOTENCY_KEY_REQUIRED, INVALID_FACTS, UNKNOWN_ITEM, UNKNOWN_MATERIAL,
            IDEMPOTENCY_KEY_REUSED, APPLICATION_NOT_FOUND, NOT_AWAITING_VISIT, NOT_WITHDRAWABLE, INVALID_POSTAL_ADDRESS,
            NOT_REFUSABLE
        }

        private final Reason reason;
        private final String field;

        Refused(Reason reason, String detail, String field) {
            super(detail, null, false, false);
            this.reason = reason;
            this.field = field;
        }

        public Reason reason() {
            return reason;
        }

        /** The application's field (as a JSON path), header or part at fault, if one is. */
        public String field() {
            return field;
        }
    }

    /** Another request with the same key is issuing the application; the same request may be sent again later. */
    public static final class RequestInProgress extends RuntimeException {

        private final Duration retryAfter;

        RequestInProgress(Duration retryAfter) {
            super("a request with this Idempotency-Key is being processed; send it again later", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** Every inspection slot stayed busy: nothing was decided or stored; the same request may be sent again. */
    public static final class InspectionBusy extends RuntimeException {

        InspectionBusy() {
            super("every material inspection slot is busy; send the same request again shortly", null, false, false);
        }
    }

    /** Issuing failed for a reason of ours; nothing is half-registered and the same request may be sent again. */
    public static final class IssuingFailed extends RuntimeException {

        IssuingFailed() {
            super("the certificate could not be issued just now; send the same request with the same Idempotency-Key again",
                    null, false, false);
        }
    }

    /** The decision the application would get now, with materials given as declared media types; stores nothing. */
    public Decision precheck(PrecheckCommand command) {
        ObjectNode request = (ObjectNode) ApplicationJson.tree(given(command.application()));
        ServiceItem item = item(command.application());
        List<Offered> offered = command.materials().stream()
                .map(m -> new Offered(m.code(), m.mediaType(), false)).toList();
        return decide(command.subject(), command.subject().username(), item, request, offered).decision();
    }

    /**
     * @throws RequestInProgress when a duplicate of this request is still being issued after the wait
     * @throws IssuingFailed when sealing or archiving failed (this attempt's or the duplicate's it waited for)
     */
    public ApplicationView submit(SubmitCommand command) {
        Subject subject = command.subject();
        String idempotencyKey = command.idempotencyKey();
        requireKey(idempotencyKey);
        Map<String, Object> given = given(command.application());
        ObjectNode request = (ObjectNode) ApplicationJson.tree(given);
        String sha256 = requestHash(given, command.uploads());
        // duplicates arriving on this node together share the first one's work instead of inspecting and deciding again
        String flight = subject.username() + "\u0000" + idempotencyKey + "\u0000" + sha256;
        CompletableFuture<Row> mine = new CompletableFuture<>();
        CompletableFuture<Row> first = inFlight.putIfAbsent(flight, mine);
        if (first != null) {
            return view(awaitFlight(first));
        }
        try {
            Row row = submitOnce(command, request, sha256);
            mine.complete(row);
            return view(row);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flight, mine);
        }
    }

    private Row submitOnce(SubmitCommand command, ObjectNode request, String sha256) {
        Subject subject = command.subject();
        String idempotencyKey = command.idempotencyKey();
        List<ReceivedUpload> uploads = command.uploads();
        boolean window = command.channel() == Channel.WINDOW;
        Optional<Row> existing = applications.find(subject.username(), idempotencyKey);
        if (existing.isPresent()) {
            checkSameRequest(existing.get(), sha256);
            return existing.get().status() == ApplicationStatus.FAILED ? retry(existing.get()) : await(existing.get());
        }
        ServiceItem item = item(command.application());
        List<InspectedMaterial> inspected = inspect(item, uploads);
        if (inspected.stream().anyMatch(m -> m.code() == RejectionCode.INSPECTION_BUSY)) {
            // a busy server is no fault of the file: nothing is decided or stored, and the same request may come again
            throw new InspectionBusy();
        }
        Decided decided = decide(subject, window ? command.officer() : subject.username(), item, request, inspected.stream()
                .map(m -> new Offered(m.material(), m.detectedType() == null ? "application/octet-stream"
                        : m.detectedType(), !m.accepted())).toList());
        List<ApplicationStore.Upload> kept = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            if (inspected.get(i).accepted()) {
                ReceivedUpload u = uploads.get(i);
                kept.add(new ApplicationStore.Upload(u.material(), safeName(u.fileName()), inspected.get(i).detectedType(),
                        u.bytes()));
            }
        }
        ApplicationStore.Claimed stored = applications.insertOrGet(new ApplicationStore.NewApplication(subject.username(),
                subject.id(), item.code(), idempotencyKey, sha256, Json.write(request), Json.write(decided.facts()),
                Json.write(decided.decision()),
                inspected.stream().map(m -> new MaterialView(m.material(), m.filename(), m.declaredType(),
                        m.detectedType(), m.size(), m.sha256(), m.accepted(),
                        m.code() == null ? null : m.code().name())).toList(), kept, command.channel(), command.officer(),
                // a walk-in is served where they came in; an online application where its facts place it
                window ? command.officerDistrict() : districts.of(decided.facts(), decided.shared().records()).orElse(null)),
                leases.owner(), leases.duration());
        checkSameRequest(stored.row(), sha256);
        if (!stored.mine()) {
            return await(stored.row());
        }
        return run(stored.row(), Optional.of(new Issuance.Read(decided.shared(), decided.held())));
    }

    /** The result of the same request running on this node, waited for up to the duplicate wait. */
    private Row awaitFlight(CompletableFuture<Row> first) {
        try {
            return first.get(duplicateWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RequestInProgress(LONGEST_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestInProgress(LONGEST_POLL);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /**
     * An officer completes an accepted application once its in-person step is done (e.g. the first residence
     * permit's check): the certificate is issued, sealed and archived in a package of its own beside the
     * application's first one (which holds the materials and the acceptance notice). Completing it again
     * returns the same certificate; any other application (e.g. one issued on the spot) is a conflict.
     */
    public ApplicationView complete(UUID id, String officer) {
        Row row = applications.find(id).orElseThrow(() ->
                new Refused(Refused.Reason.APPLICATION_NOT_FOUND, "no application " + id, null));
        if (wasCompleted(row)) {
            return view(row);
        }
        if (row.status() != ApplicationStatus.ACCEPTED || row.refusalId() != null) {
            // a refusal begun (its decision reserved, perhaps sealed, before a crash) is finished by refusing again
            throw notAwaitingVisit(row);
        }
        Optional<Row> claimed = applications.claim(id, leases.owner(), leases.duration(),
                Set.of(ApplicationStatus.ACCEPTED));
        if (claimed.isEmpty()) {
            // another officer's completion took it first: its certificate once done, else come back shortly
            Row now = applications.find(id).orElseThrow();
            if (wasCompleted(now)) {
                return view(now);
            }
            throw new RequestInProgress(Duration.ofSeconds(1));
        }
        try {
            return view(leases.holding(id, () -> issuance.complete(claimed.get(), officer)));
        } finally {
            applications.release(id, leases.owner(), Duration.ZERO);
        }
    }

    /**
     * The district's officer refuses (不予许可) an ACCEPTED application for {@code reason}: a sealed refusal decision is
     * issued once and the paid fee refunded ({@link Fees#ended}); refusing it again answers the same.
     */
    public ApplicationView refuse(UUID id, String officer, String reason) {
        Row row = applications.find(id).orElseThrow(() ->
                new Refused(Refused.Reason.APPLICATION_NOT_FOUND, "no application " + id, null));
        if (row.status() == ApplicationStatus.REFUSED) {
            return view(row);
        }
        if (row.status() != ApplicationStatus.ACCEPTED) {
            throw new Refused(Refused.Reason.NOT_REFUSABLE, "only an accepted application is refused; this one is "
                    + row.status(), null);
        }
        Optional<Row> claimed = applications.claim(id, leases.owner(), leases.duration(),
                Set.of(ApplicationStatus.ACCEPTED));
        if (claimed.isEmpty()) {
            Row now = applications.find(id).orElseThrow();
            if (now.status() == ApplicationStatus.REFUSED) {
                return view(now);
            }
            throw new RequestInProgress(Duration.ofSeconds(1));
        }
        try {
            return view(leases.holding(id, () -> issuance.refuse(claimed.get(), officer, reason)));
        } finally {
            applications.release(id, leases.owner(), Duration.ZERO);
        }
    }

    /** Issued after acceptance: its acceptance notice stays beside the certificate (one issued on the spot has none). */
    private static boolean wasCompleted(Row row) {
        return row.status() == ApplicationStatus.ISSUED
                && NoticeIssuer.documentKind(tongban.documents.NoticeKind.ACCEPTED).equals(row.noticeKind());
    }

    private static Refused notAwaitingVisit(Row row) {
        return new Refused(Refused.Reason.NOT_AWAITING_VISIT,
                "only an accepted application waiting for its in-person step can be completed; this one is "
                        + row.status(), null);
    }

    /** The applicant's own application; another's is "not found", never "forbidden". */
    public ApplicationView find(Subject subject, UUID id) {
        return applications.find(id).filter(r -> r.subjectId().equals(subject.id())).map(this::view)
                .orElseThrow(() -> new Refused(Refused.Reason.APPLICATION_NOT_FOUND, "no application " + id, null));
    }

    /**
     * The applicant withdraws (撤回) an application not yet issued: one waiting for its fee (the order is closed), one
     * accepted and waiting for its in-person step, or one paid and not yet issued (the fee is refunded through its
     * channel). Withdrawing it again answers the same; one being issued at this moment is to be asked again shortly.
     */
    public ApplicationView withdraw(Subject subject, UUID id) {
        Row row = applications.find(id).filter(r -> r.subjectId().equals(subject.id())).orElseThrow(() ->
                new Refused(Refused.Reason.APPLICATION_NOT_FOUND, "no application " + id, null));
        if (row.status() == ApplicationStatus.WITHDRAWN) {
            return view(row);
        }
        if (!WITHDRAWABLE.contains(row.status()) || row.refusalId() != null) {
            throw new Refused(Refused.Reason.NOT_WITHDRAWABLE, "an application that is " + row.status()
                    + (row.refusalId() != null ? " and being refused" : "") + " can no longer be withdrawn", null);
        }
        boolean withdrawn = applications.withdraw(id, WITHDRAWABLE, () -> fees.stillDue(id), () -> {
            fees.ended(id, subject.username(), "WITHDRAWN");
            events.publishEvent(new ApplicationWithdrawn(subject.username(), id, row.status().name()));
        });
        Row now = applications.find(id).orElseThrow();
        if (!withdrawn && now.status() != ApplicationStatus.WITHDRAWN) {
            if (WITHDRAWABLE.contains(now.status())) {
                throw new RequestInProgress(Duration.ofSeconds(1));
            }
            throw new Refused(Refused.Reason.NOT_WITHDRAWABLE, "an application that is " + now.status()
                    + " can no longer be withdrawn", null);
        }
        if (withdrawn) {
            log.info("application {} withdrawn by its applicant (was {})", id, row.status());
        }
        return view(now);
    }

    private static final Set<ApplicationStatus> WITHDRAWABLE = Set.of(ApplicationStatus.AWAITING_PAYMENT,
            ApplicationStatus.ACCEPTED, ApplicationStatus.PROCESSING, ApplicationStatus.FAILED);

    public List<ApplicationView> list(Subject subject) {
        return applications.ofSubject(subject.id()).stream().map(this::view).toList();
    }

    private record Decided(ObjectNode facts, Decision decision, SharedData shared, List<ECertificate> held) {
    }

    private Decided decide(Subject subject, String actor, ServiceItem item, ObjectNode request, List<Offered> offered) {
        LocalDate today = LocalDate.now(clock);
        SharedData shared = sharing.read(subject, item.code(), actor);
        List<ECertificate> held = certificates.of(subject.id());
        ObjectNode facts = FactsAssembler.facts(item, today, shared, held, request.path("form"), request.path("options"),
                offered);
        return new Decided(facts, packs.evaluate(item.code(), facts), shared, held);
    }

    /** Issues an application whose lease this node holds; a failure leaves it FAILED, for a retry to take up. */
    private Row run(Row row, Optional<Issuance.Read> read) {
        try {
            return leases.holding(row.id(), () -> issuance.process(row, read));
        } catch (RuntimeException e) {
            // nothing is registered half-way: the reserved number and any registered document wait for the retry
            if (e instanceof tongban.archive.ArchiveUnavailableException) {
                // the store or registry is down (its retries were logged): expected, and the applicant's retry resumes
                log.warn("application {} not issued, the archive is unavailable: {}", row.id(), e.getMessage());
            } else {
                log.error("application {} failed while issuing", row.id(), e);
            }
            issuance.fail(row, e.getClass().getSimpleName());
            throw new IssuingFailed();
        }
    }

    /** A FAILED application sent again: it is claimed and issued, or, if another retry claimed it first, awaited. */
    private Row retry(Row failed) {
        return applications.claim(failed.id(), leases.owner(), leases.duration(), Set.of(ApplicationStatus.FAILED))
                .map(claimed -> run(claimed, Optional.empty()))
                .orElseGet(() -> await(failed));
    }

    /**
     * Waits, holding no connection between polls, for the request that holds the application's lease to finish it;
     * takes the lease over if it runs out (that request's node died) and finishes it here.
     */
    private Row await(Row row) {
        Instant deadline = clock.instant().plus(duplicateWait);
        Duration pause = FIRST_POLL;
        Row current = row;
        while (true) {
            if (current.status() == ApplicationStatus.FAILED) {
                throw new IssuingFailed();
            }
            if (current.status() != ApplicationStatus.PROCESSING) {
                return current;
            }
            Optional<Row> abandoned = applications.claim(current.id(), leases.owner(), leases.duration(),
                    Set.of(ApplicationStatus.PROCESSING));
            if (abandoned.isPresent()) {
                return run(abandoned.get(), Optional.empty());
            }
            if (!clock.instant().plus(pause).isBefore(deadline)) {
                throw new RequestInProgress(LONGEST_POLL);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RequestInProgress(LONGEST_POLL);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
            current = applications.find(current.id()).orElseThrow();
        }
    }

    private List<InspectedMaterial> inspect(ServiceItem item, List<ReceivedUpload> uploads) {
        List<InspectedMaterial> inspected = new ArrayList<>();
        for (ReceivedUpload u : uploads) {
            MaterialSpec spec = item.material(u.material()).orElseThrow(() -> new Refused(Refused.Reason.UNKNOWN_MATERIAL,
                    "no material '" + u.material() + "' in " + item.code(), u.material()));
            // the name is kept as evidence: without control characters (a NUL would not even store) or a path
            inspected.add(inspector.inspect(new ReceivedFile(u.material(), safeName(u.fileName()), u.declaredType(),
                    u.bytes()), spec));
        }
        return inspected;
    }

    ApplicationView view(Row row) {
        Decision decision = row.decision() == null ? null : Json.MAPPER.readValue(row.decision(), Decision.class);
        CertificateLink certificate = null;
        List<DocumentLink> documents = new ArrayList<>();
        if (row.status() == ApplicationStatus.ISSUED && row.certificateId() != null) {
            String download = "/api/v1/certificates/" + row.certificateId() + "/pdf";
            certificate = new CertificateLink(row.certificateId(), row.certificateNumber(), download,
                    "/verify/" + row.certificateId());
            documents.add(new DocumentLink(row.certificateId(), "CERTIFICATE", download));
        }
        if (row.status().isFinal() && row.noticeId() != null) {
            documents.add(new DocumentLink(row.noticeId(), row.noticeKind(), "/api/v1/documents/" + row.noticeId() + "/pdf"));
        }
        if (row.status() == ApplicationStatus.REFUSED) {
            documents.add(new DocumentLink(row.refusalId(), NoticeIssuer.documentKind(tongban.documents.NoticeKind.REFUSED),
                    "/api/v1/documents/" + row.refusalId() + "/pdf"));
        }
        return new ApplicationView(row.id(), row.item(), row.status(), row.createdAt(), decision,
                applications.materials(row.id()), certificate, documents);
    }

    /** Refuses a missing or malformed Idempotency-Key; a caller may check it before it reads anything else. */
    static void requireKey(String idempotencyKey) {
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new Refused(Refused.Reason.IDEMPOTENCY_KEY_REQUIRED,
                    "send an Idempotency-Key header of 8 to 128 letters, digits or ._:-", "Idempotency-Key");
        }
    }

    private ServiceItem item(Application application) {
        String item = application.item();
        if (item == null) {
            throw new Refused(Refused.Reason.INVALID_FACTS, "name the service item, e.g. individual-business-registration",
                    "$.item");
        }
        return packs.item(item).orElseThrow(() ->
                new Refused(Refused.Reason.UNKNOWN_ITEM, "no service item '" + item + "'; see GET /api/v1/items", null));
    }

    /** The application as the rules read it, stored and hashed: only what was given. */
    private static Map<String, Object> given(Application application) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (application.item() != null) {
            given.put("item", application.item());
        }
        if (application.form() != null) {
            given.put("form", application.form());
        }
        if (application.options() != null) {
            given.put("options", application.options());
        }
        if (application.postal() != null) {
            PostalAddress postal = application.postal();
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("recipient", postal.recipient());
            address.put("phone", postal.phone());
            address.put("address", postal.address());
            given.put("postal", address);
        }
        return given;
    }

    private static void checkSameRequest(Row row, String sha256) {
        if (!row.requestSha256().equals(sha256)) {
            throw new Refused(Refused.Reason.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different application; use a new key", null);
        }
    }

    /** The request's identity: the application (keys sorted, as Json writes maps) and every file's SHA-256 by part name. */
    private static String requestHash(Map<String, Object> application, List<ReceivedUpload> uploads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Json.write(application).getBytes(StandardCharsets.UTF_8));
            uploads.stream().map(u -> u.material() + "\u0000" + HexFormat.of().formatHex(digest(u.bytes())))
                    .sorted(Comparator.naturalOrder())
                    .forEach(line -> sha.update(("\n" + line).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the applicant's file name for the archive, minus anything that could act as a path. */
    private static String safeName(String name) {
        String base = name == null ? "file" : name.replaceAll("[/\\\\\\p{Cntrl}]", "_");
        base = base.length() > 200 ? base.substring(base.length() - 200) : base;
        return base.isBlank() || base.equals(".") || base.equals("..") ? "file" : base;
    }
}
