package tongban.acceptance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tongban.acceptance.ApplicationStore.Row;
import tongban.acceptance.ApplicationView.CertificateLink;
import tongban.acceptance.ApplicationView.DocumentLink;
import tongban.acceptance.ApplicationView.MaterialView;
import tongban.acceptance.FactsAssembler.Offered;
import tongban.archive.Archive;
import tongban.archive.ArchiveApplication;
import tongban.archive.ECertificate;
import tongban.audit.AuditLog;
import tongban.identity.DataSharing;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.materials.InspectedMaterial;
import tongban.materials.MaterialsInspector;
import tongban.materials.ReceivedFile;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.rules.Decision;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.seal.SealService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Precheck, submit and track applications (SubmitApplication). A submission is decided before anything is
 * stored, so bad input leaves nothing behind; then it is stored under its Idempotency-Key and processed under a
 * lock on that row, so a duplicate, concurrent or retried request gets the same result and never a second
 * certificate.
 */
@Component
public class SubmitApplication {

    private static final Logger log = LoggerFactory.getLogger(SubmitApplication.class);
    private static final Set<String> APPLICATION_KEYS = Set.of("item", "form", "options");

    private final RulePacks packs;
    private final DataSharing sharing;
    private final Archive archive;
    private final MaterialsInspector inspector;
    private final CertificateIssuer issuer;
    private final NoticeIssuer notices;
    private final ApplicationStore applications;
    private final SealService seals;
    private final AuditLog audit;
    private final TransactionTemplate locked;
    private final Clock clock;

    SubmitApplication(RulePacks packs, DataSharing sharing, Archive archive, MaterialsInspector inspector,
                      CertificateIssuer issuer, NoticeIssuer notices, ApplicationStore applications, SealService seals,
                      AuditLog audit,
                      PlatformTransactionManager transactions, Clock clock) {
        this.packs = packs;
        this.sharing = sharing;
        this.archive = archive;
        this.inspector = inspector;
        this.issuer = issuer;
        this.notices = notices;
        this.applications = applications;
        this.seals = seals;
        this.audit = audit;
        this.locked = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The decision the application would get now, with materials given as declared media types; stores nothing. */
    public Decision precheck(Subject subject, JsonNode body) {
        ObjectNode request = object(body, "$");
        only(request, Set.of("item", "form", "options", "materials"));
        ServiceItem item = item(request);
        List<Offered> offered = new ArrayList<>();
        JsonNode materials = request.path("materials");
        if (!materials.isMissingNode() && !materials.isArray()) {
            throw ApiProblem.invalidFacts("$.materials", "must be a JSON array");
        }
        for (int i = 0; i < materials.size(); i++) {
            JsonNode m = materials.get(i);
            offered.add(new Offered(m.path("code").asString(""), m.path("mediaType").asString(""), false));
        }
        return decide(subject, item, request, offered).decision();
    }

    public ApplicationView submit(Subject subject, String idempotencyKey, byte[] applicationPart,
                                  List<ReceivedUpload> uploads) {
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "IDEMPOTENCY_KEY_REQUIRED",
                    "send an Idempotency-Key header of 8 to 128 letters, digits or ._:-", "Idempotency-Key", List.of());
        }
        ObjectNode request = object(parse(applicationPart), "$");
        only(request, APPLICATION_KEYS);
        String sha256 = requestHash(request, uploads);
        Optional<Row> existing = applications.find(subject.username(), idempotencyKey);
        if (existing.isPresent()) {
            checkSameRequest(existing.get(), sha256);
            if (existing.get().status().isFinal()) {
                return view(existing.get());
            }
        }
        ServiceItem item = item(request);
        List<InspectedMaterial> inspected = inspect(item, uploads);
        Decided decided = decide(subject, item, request, inspected.stream()
                .map(m -> new Offered(m.material(), m.detectedType() == null ? "application/octet-stream"
                        : m.detectedType(), !m.accepted())).toList());
        Row row = applications.insertOrGet(subject.username(), subject.id(), item.code(), idempotencyKey, sha256,
                Json.write(request));
        checkSameRequest(row, sha256);
        try {
            return view(locked.execute(status -> {
                applications.lock(row.id());
                Row current = applications.find(row.id()).orElseThrow();
                if (current.status().isFinal()) {
                    return current;
                }
                return process(current, item, request, inspected, uploads, decided);
            }));
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            // sealing or archiving failed: nothing is registered half-way; the same key retries from here
            if (e instanceof tongban.archive.ArchiveUnavailableException) {
                // the store or registry is down (its retries were logged): expected, and the applicant's retry resumes
                log.warn("application {} not issued, the archive is unavailable: {}", row.id(), e.getMessage());
            } else {
                log.error("application {} failed while issuing", row.id(), e);
            }
            applications.finish(row.id(), ApplicationStatus.FAILED, decided.decision(), List.of(), e.getClass().getSimpleName());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "ISSUING_FAILED",
                    "the certificate could not be issued just now; send the same request with the same Idempotency-Key again");
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
                ApiProblem.notFound("APPLICATION_NOT_FOUND", "no application " + id));
        if (wasCompleted(row)) {
            return view(row);
        }
        if (row.status() != ApplicationStatus.ACCEPTED) {
            throw notAwaitingVisit(row);
        }
        ServiceItem item = packs.item(row.item()).orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT,
                "UNKNOWN_ITEM", "the item " + row.item() + " is no longer served"));
        Subject subject = sharing.subjectOf(row.username()).orElseThrow();
        ObjectNode request = (ObjectNode) Json.read(row.request());
        Decision decision = Json.MAPPER.readValue(row.decision(), Decision.class);
        return view(locked.execute(status -> {
            applications.lock(id);
            Row current = applications.find(id).orElseThrow();
            if (wasCompleted(current)) {
                return current;
            }
            if (current.status() != ApplicationStatus.ACCEPTED) {
                throw notAwaitingVisit(current);
            }
            SharedData shared = sharing.read(subject, item.code(), officer);
            List<ECertificate> held = archive.certificates().listByHolder(subject.id());
            DocumentSealer.Sealed issued = issuer.issue(current, item, shared, request.path("form"), held,
                    LocalDate.now(clock));
            archivePackage(id + ".issued", current, item, request, List.of(), List.of(), decision, issued);
            applications.finish(id, ApplicationStatus.ISSUED, decision, applications.materials(id), null);
            audit.record(officer, "APPLICATION_COMPLETED", "application/" + id,
                    java.util.Map.of("certificate", issued.record().id().toString()));
            return applications.find(id).orElseThrow();
        }));
    }

    /** Issued after acceptance: its acceptance notice stays beside the certificate (one issued on the spot has none). */
    private static boolean wasCompleted(Row row) {
        return row.status() == ApplicationStatus.ISSUED
                && NoticeIssuer.documentKind(tongban.documents.NoticeKind.ACCEPTED).equals(row.noticeKind());
    }

    private static ApiProblem notAwaitingVisit(Row row) {
        return new ApiProblem(HttpStatus.CONFLICT, "NOT_AWAITING_VISIT",
                "only an accepted application waiting for its in-person step can be completed; this one is "
                        + row.status());
    }

    /** The applicant's own application; another's is "not found", never "forbidden". */
    public ApplicationView find(Subject subject, UUID id) {
        return applications.find(id).filter(r -> r.subjectId().equals(subject.id())).map(this::view)
                .orElseThrow(() -> ApiProblem.notFound("APPLICATION_NOT_FOUND", "no application " + id));
    }

    public List<ApplicationView> list(Subject subject) {
        return applications.ofSubject(subject.id()).stream().map(this::view).toList();
    }

    private record Decided(Decision decision, SharedData shared, List<ECertificate> held, LocalDate asOf) {
    }

    private Decided decide(Subject subject, ServiceItem item, ObjectNode request, List<Offered> offered) {
        LocalDate today = LocalDate.now(clock);
        SharedData shared = sharing.read(subject, item.code(), subject.username());
        List<ECertificate> held = archive.certificates().listByHolder(subject.id());
        ObjectNode facts = FactsAssembler.facts(item, today, shared, held, request.path("form"), request.path("options"),
                offered);
        return new Decided(packs.evaluate(item.code(), facts), shared, held, today);
    }

    private Row process(Row row, ServiceItem item, ObjectNode request, List<InspectedMaterial> inspected,
                        List<ReceivedUpload> uploads, Decided decided) {
        Decision decision = decided.decision();
        List<MaterialView> materials = inspected.stream().map(m -> new MaterialView(m.material(), m.filename(),
                m.declaredType(), m.detectedType(), m.size(), m.sha256(), m.accepted(),
                m.code() == null ? null : m.code().name())).toList();
        ApplicationStatus status = switch (decision.outcome()) {
            case INELIGIBLE -> ApplicationStatus.INELIGIBLE;
            case NOT_APPLICABLE -> ApplicationStatus.NOT_APPLICABLE;
            case INCOMPLETE -> ApplicationStatus.INCOMPLETE;
            case ACCEPTABLE -> decision.visits().steps().stream().anyMatch(Decision.Step::beforeDecision)
                    ? ApplicationStatus.ACCEPTED : ApplicationStatus.ISSUED;
        };
        DocumentSealer.Sealed document;
        if (status == ApplicationStatus.ISSUED) {
            document = issuer.issue(row, item, decided.shared(), request.path("form"), decided.held(), decided.asOf());
        } else {
            document = notices.issue(row, item, decision, decided.shared(), decided.asOf());
        }
        archivePackage(row.id().toString(), row, item, request, inspected, uploads, decision, document);
        audit.record(row.username(), status == ApplicationStatus.ISSUED ? "CERTIFICATE_ISSUED" : "NOTICE_ISSUED",
                "document/" + document.record().id(),
                java.util.Map.of("application", row.id().toString(), "type", document.record().type()));
        applications.finish(row.id(), status, decision, materials, null);
        audit.record(row.username(), "APPLICATION_" + status.name(), "application/" + row.id(),
                java.util.Map.of("item", item.code(), "outcome", decision.outcome().name()));
        log.info("application {} of {} for {}: {}", row.id(), row.username(), item.code(), status);
        return applications.find(row.id()).orElseThrow();
    }

    private void archivePackage(String packageId, Row row, ServiceItem item, ObjectNode request,
                                List<InspectedMaterial> inspected, List<ReceivedUpload> uploads, Decision decision,
                                DocumentSealer.Sealed issued) {
        List<ArchiveApplication.Material> files = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            if (inspected.get(i).accepted()) {
                ReceivedUpload u = uploads.get(i);
                files.add(new ArchiveApplication.Material(u.material(), safeName(u.fileName()),
                        inspected.get(i).detectedType(), u.bytes()));
            }
        }
        var report = seals.verify(issued.pdf());
        Instant now = clock.instant();
        archive.packages().archive(new ArchiveApplication(packageId, item.code(), item.department().name().zh(),
                row.createdAt(), now.isBefore(row.createdAt()) ? row.createdAt() : now,
                Json.write(request).getBytes(StandardCharsets.UTF_8), files,
                Json.write(decision).getBytes(StandardCharsets.UTF_8), decision.packVersion(),
                Optional.of(new ArchiveApplication.SealedCertificate(issued.record().id(), issued.pdf(),
                        Json.write(report).getBytes(StandardCharsets.UTF_8)))));
    }

    private List<InspectedMaterial> inspect(ServiceItem item, List<ReceivedUpload> uploads) {
        List<InspectedMaterial> inspected = new ArrayList<>();
        for (ReceivedUpload u : uploads) {
            MaterialSpec spec = item.material(u.material()).orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST,
                    "UNKNOWN_MATERIAL", "no material '" + u.material() + "' in " + item.code(), u.material(), List.of()));
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
            throw ApiProblem.invalidFacts("$.item", "name the service item, e.g. individual-business-registration");
        }
        return packs.item(item.asString()).orElseThrow(() ->
                ApiProblem.notFound("UNKNOWN_ITEM", "no service item '" + item.asString() + "'; see GET /api/v1/items"));
    }

    private static void checkSameRequest(Row row, String sha256) {
        if (!row.requestSha256().equals(sha256)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used for a different application; use a new key");
        }
    }

    private static JsonNode parse(byte[] json) {
        if (json == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MISSING_PART", "the multipart part 'application' is required");
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "the part 'application' is not valid JSON");
        }
    }

    private static ObjectNode object(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw ApiProblem.invalidFacts(at, "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void only(JsonNode node, Set<String> keys) {
        for (String name : node.propertyNames()) {
            if (!keys.contains(name)) {
                throw ApiProblem.invalidFacts("$." + name, "unknown field '" + name + "'");
            }
        }
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
