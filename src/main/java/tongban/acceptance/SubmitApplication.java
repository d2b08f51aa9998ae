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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
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
    private static final Set<String> APPLICATION_KEYS = Set.of("item", "form", "options", "postal");
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
    private final Duration duplicateWait;
    private final Clock clock;
    private final Map<String, CompletableFuture<Row>> inFlight = new ConcurrentHashMap<>();

    SubmitApplication(RulePacks packs, DataSharing sharing, MaterialsInspector inspector, ApplicationStore applications,
                      HeldCertificates certificates, Issuance issuance, Leases leases, Districts districts,
                      @Value("${tongban.applications.duplicate-wait:20s}") Duration duplicateWait, Clock clock) {
        this.packs = packs;
        this.sharing = sharing;
        this.inspector = inspector;
        this.applications = applications;
        this.certificates = certificates;
        this.issuance = issuance;
        this.leases = leases;
        this.districts = districts;
        this.duplicateWait = duplicateWait;
        this.clock = clock;
    }

    /**
     * A submission as received: the subject applying, the Idempotency-Key, the JSON part and the file parts; and how it
     * came in: online by the subject's own login, or at a window ({@link Channel#WINDOW}) by {@code officer}, whose
     * {@code officerDistrict} then serves it.
     */
    public record SubmitCommand(Subject subject, String idempotencyKey, byte[] application, List<ReceivedUpload> uploads,
                                Channel channel, String officer, String officerDistrict) {

        /** An online submission by the subject's own login. */
        public SubmitCommand(Subject subject, String idempotencyKey, byte[] application, List<ReceivedUpload> uploads) {
            this(subject, idempotencyKey, application, uploads, Channel.ONLINE, null, null);
        }
    }

    /** What was sent cannot be an application (or names none of the caller's); nothing was stored. */
    public static final class Refused extends RuntimeException {

        /** Why, by the stable code the API answers with. */
        public enum Reason {
            IDEMPOTENCY_KEY_REQUIRED, MISSING_PART, MALFORMED_JSON, INVALID_FACTS, UNKNOWN_ITEM, UNKNOWN_MATERIAL,
            IDEMPOTENCY_KEY_REUSED, APPLICATION_NOT_FOUND, NOT_AWAITING_VISIT, INVALID_POSTAL_ADDRESS
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

        /** The JSON path (or header, or part) at fault, if one is. */
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
    public Decision precheck(Subject subject, JsonNode body) {
        ObjectNode request = object(body, "$");
        only(request, Set.of("item", "form", "options", "materials"));
        ServiceItem item = item(request);
        List<Offered> offered = new ArrayList<>();
        JsonNode materials = request.path("materials");
        if (!materials.isMissingNode() && !materials.isArray()) {
            throw new Refused(Refused.Reason.INVALID_FACTS, "must be a JSON array", "$.materials");
        }
        for (int i = 0; i < materials.size(); i++) {
            JsonNode m = materials.get(i);
            offered.add(new Offered(m.path("code").asString(""), m.path("mediaType").asString(""), false));
        }
        return decide(subject, subject.username(), item, request, offered).decision();
    }

    /**
     * @throws RequestInProgress when a duplicate of this request is still being issued after the wait
     * @throws IssuingFailed when sealing or archiving failed (this attempt's or the duplicate's it waited for)
     */
    public ApplicationView submit(SubmitCommand command) {
        Subject subject = command.subject();
        String idempotencyKey = command.idempotencyKey();
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new Refused(Refused.Reason.IDEMPOTENCY_KEY_REQUIRED,
                    "send an Idempotency-Key header of 8 to 128 letters, digits or ._:-", "Idempotency-Key");
        }
        ObjectNode request = object(parse(command.application()), "$");
        only(request, APPLICATION_KEYS);
        checkPostal(request.path("postal"));
        String sha256 = requestHash(request, command.uploads());
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
        ServiceItem item = item(request);
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
        if (row.status() != ApplicationStatus.ACCEPTED) {
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
        return new ApplicationView(row.id(), row.item(), row.status(), row.createdAt(), decision,
                applications.materials(row.id()), certificate, documents);
    }

    private ServiceItem item(ObjectNode request) {
        JsonNode item = request.path("item");
        if (!item.isString()) {
            throw new Refused(Refused.Reason.INVALID_FACTS, "name the service item, e.g. individual-business-registration",
                    "$.item");
        }
        return packs.item(item.asString()).orElseThrow(() ->
                new Refused(Refused.Reason.UNKNOWN_ITEM, "no service item '" + item.asString() + "'; see GET /api/v1/items",
                        null));
    }

    private static void checkSameRequest(Row row, String sha256) {
        if (!row.requestSha256().equals(sha256)) {
            throw new Refused(Refused.Reason.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a different application; use a new key", null);
        }
    }

    private static JsonNode parse(byte[] json) {
        if (json == null) {
            throw new Refused(Refused.Reason.MISSING_PART, "the multipart part 'application' is required", null);
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new Refused(Refused.Reason.MALFORMED_JSON, "the part 'application' is not valid JSON", null);
        }
    }

    private static ObjectNode object(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new Refused(Refused.Reason.INVALID_FACTS, "must be a JSON object", at);
        }
        return (ObjectNode) node;
    }

    private static void only(JsonNode node, Set<String> keys) {
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                throw new Refused(Refused.Reason.INVALID_FACTS, "unknown field '" + name + "'", "$." + name);
            }
        }
    }

    /**
     * The address a paper document is posted to, when given: an object of {@code recipient}, {@code phone} and
     * {@code address}, each a plain string of sensible length (it is printed on a parcel, never interpreted).
     */
    private static void checkPostal(JsonNode postal) {
        if (postal.isMissingNode()) {
            return;
        }
        if (!postal.isObject()) {
            throw new Refused(Refused.Reason.INVALID_POSTAL_ADDRESS, "must be an object of recipient, phone and address",
                    "$.postal");
        }
        for (String name : postal.propertyNames()) {
            if (!Set.of("recipient", "phone", "address").contains(name)) {
                throw new Refused(Refused.Reason.INVALID_POSTAL_ADDRESS, "unknown field '" + name + "'", "$.postal." + name);
            }
        }
        postalText(postal, "recipient", 1, PostalAddress.MAX_RECIPIENT);
        postalText(postal, "address", 5, PostalAddress.MAX_ADDRESS);
        if (!PostalAddress.PHONE.matcher(postalText(postal, "phone", 7, 20)).matches()) {
            throw new Refused(Refused.Reason.INVALID_POSTAL_ADDRESS,
                    "must be a mobile number (11 digits) or a landline with its area code", "$.postal.phone");
        }
    }

    private static String postalText(JsonNode postal, String name, int min, int max) {
        JsonNode value = postal.path(name);
        String text = value.isString() ? value.asString().strip() : "";
        if (text.length() < min || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw new Refused(Refused.Reason.INVALID_POSTAL_ADDRESS,
                    "must be text of " + min + " to " + max + " characters", "$.postal." + name);
        }
        return text;
    }

    /** The request's identity: the application part (keys sorted) and every file's SHA-256 by part name. */
    private static String requestHash(JsonNode request, List<ReceivedUpload> uploads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Json.write(sorted(request)).getBytes(StandardCharsets.UTF_8));
            uploads.stream().map(u -> u.material() + "\u0000" + HexFormat.of().formatHex(digest(u.bytes())))
                    .sorted(Comparator.naturalOrder())
                    .forEach(line -> sha.update(("\n" + line).getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, Object> map = new TreeMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), sorted(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(sorted(n)));
            return list;
        }
        return node;
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
