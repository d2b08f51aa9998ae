package tongban.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tongban.acceptance.CertificateRevoked;
import tongban.archive.Archive;
import tongban.archive.RevokeCertificate;
import tongban.supervision.SupervisionException.Kind;

/**
 * 事中事后监管 with 双随机、一公开: a supervisor publishes a draw (the licence holders and the inspector pool, each list
 * with its hash), another supervisor fixes its seed from an outside value, the inspections follow from both by
 * {@link DrawAlgorithm}, and inspectors' results are recorded — a failed one orders rectification by a date or, where
 * the law allows, revokes the licence in the e-certificate registry. Everything but the inspectors' own words is public.
 */
@Service
@EnableConfigurationProperties(SupervisionProperties.class)
public class Supervision {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** A name for a holder whose licence names no business: never the operator's own name. */
    static final String UNNAMED = "（无字号）";

    /**
     * A licence holder as a draw lists it: the licence number, the business's name as the licence shows it, and the
     * registry's id of the licence.
     */
    public record Holder(String licenceNumber, String name, UUID certificateId) {
    }

    /** An inspector of the pool: a badge number and the licence numbers of the holders they declared a conflict with. */
    public record Inspector(String badge, List<String> conflicts) {
    }

    /** Publish a draw: exactly one of {@code sharePercent} and {@code count}; {@code district} may be null. */
    public record CreateDraw(String actor, String licenceType, String district, Integer sharePercent, Integer count,
                             List<Inspector> inspectors) {
    }

    /** Fix a published draw's seed from an outside value, e.g. a lottery's result, and say where it comes from. */
    public record FixSeed(String actor, UUID drawId, String source, String value) {
    }

    /** What an inspection found. */
    public enum Outcome { PASSED, RECTIFY, REVOKED }

    /** An inspection's result; {@code rectifyBy} for RECTIFY only. */
    public record RecordResult(String actor, UUID inspectionId, Outcome outcome, String findings, LocalDate rectifyBy) {
    }

    /** The public record of a draw (一公开). */
    public record PublishedDraw(UUID id, String format, String status, Instant publishedAt, Parameters parameters,
                                List<Holder> holders, String holdersSha256, List<Inspector> inspectors,
                                String inspectorsSha256, String publicationSha256, Seed seed, List<Inspection> inspections) {
    }

    public record Parameters(String licenceType, String district, Integer sharePercent, Integer count,
                             int inspectorsPerInspection) {
    }

    public record Seed(String source, String value, Instant fixedAt, String seed) {
    }

    /**
     * A drawn inspection and its public result; {@code findings} only for supervisors. {@code notice} is its sealed
     * inspection notice (检查通知书) and {@code order} its order to rectify (责令整改通知书), null until issued.
     */
    public record Inspection(UUID id, int seq, String licenceNumber, String name, UUID certificateId,
                             List<String> inspectors, Result result, IssuedDocument notice, IssuedDocument order) {
    }

    /**
     * A sealed document of an inspection: its number (文号), which the public record shows; the id (verifiable at
     * {@code /verify/{id}}) and the download address only for supervisors.
     */
    public record IssuedDocument(String number, UUID id, String download) {
    }

    public record Result(String outcome, LocalDate rectifyBy, String legalBasis, Instant recordedAt, String findings) {
    }

    /** A draw in a supervisor's list. */
    public record DrawSummary(UUID id, String licenceType, String district, Instant publishedAt, String createdBy,
                              boolean seeded, int holders) {
    }

    private final DrawStore store;
    private final SupervisionProperties properties;
    private final Archive archive;
    private final ApplicationEventPublisher events;
    private final InspectionDocuments documents;
    private final Clock clock;

    Supervision(DrawStore store, SupervisionProperties properties, Archive archive, ApplicationEventPublisher events,
                InspectionDocuments documents, Clock clock) {
        this.store = store;
        this.documents = documents;
        this.properties = properties;
        this.archive = archive;
        this.events = events;
        this.clock = clock;
    }

    /** The licence types a draw may take. */
    public List<String> licenceTypes() {
        return properties.licenceTypes().keySet().stream().sorted().toList();
    }

    public PublishedDraw create(CreateDraw command) {
        SupervisionProperties.LicenceType type = properties.licenceTypes().get(command.licenceType());
        if (type == null) {
            throw new SupervisionException(Kind.INVALID, "UNKNOWN_LICENCE_TYPE", "$.licenceType",
                    "a draw takes one of the licence types " + licenceTypes());
        }
        List<Holder> holders = store.validHolders(command.licenceType()).stream()
                .filter(h -> command.district() == null || h.licenceNumber().length() >= type.divisionOffset() + 6
                        && h.licenceNumber().substring(type.divisionOffset(), type.divisionOffset() + 6).equals(command.district()))
                .map(h -> new Holder(h.licenceNumber(), h.name() == null ? UNNAMED : h.name(), h.certificateId()))
                .toList();
        holders = DrawAlgorithm.canonicalHolders(holders);
        if (holders.isEmpty()) {
            throw new SupervisionException(Kind.UNPROCESSABLE, "NO_HOLDERS", null,
                    "no valid " + command.licenceType() + " holder" + (command.district() == null ? "" : " in " + command.district()));
        }
        List<Inspector> inspectors = DrawAlgorithm.canonicalInspectors(command.inspectors());
        for (Holder holder : holders) {
            long free = inspectors.stream().filter(i -> !i.conflicts().contains(holder.licenceNumber())).count();
            if (free < DrawAlgorithm.INSPECTORS_PER_INSPECTION) {
                throw new SupervisionException(Kind.UNPROCESSABLE, "NOT_ENOUGH_INSPECTORS", "$.inspectors",
                        "the holder of " + holder.licenceNumber() + " has " + free + " inspectors without a conflict; "
                                + DrawAlgorithm.INSPECTORS_PER_INSPECTION + " must inspect each holder");
            }
        }
        UUID id = UUID.randomUUID();
        String holdersSha256 = DrawAlgorithm.sha256(DrawAlgorithm.holdersText(holders));
        String inspectorsSha256 = DrawAlgorithm.sha256(DrawAlgorithm.inspectorsText(inspectors));
        String publication = DrawAlgorithm.sha256(DrawAlgorithm.publicationText(id.toString(), command.licenceType(),
                command.district(), command.sharePercent(), command.count(), holdersSha256, inspectorsSha256));
        Instant now = clock.instant();
        store.insert(new DrawStore.Row(id, command.actor(), now, command.licenceType(), command.district(),
                command.sharePercent(), command.count(), holders, holdersSha256, inspectors, inspectorsSha256, publication,
                null, null, null, null, null));
        events.publishEvent(new SupervisionAudited(command.actor(), "SUPERVISION_DRAW_PUBLISHED", "draw/" + id,
                Map.of("publicationSha256", publication, "holders", holders.size(), "inspectors", inspectors.size())));
        return find(id).orElseThrow();
    }

    public PublishedDraw fixSeed(FixSeed command) {
        DrawStore.Row draw = store.find(command.drawId()).orElseThrow(() -> drawNotFound(command.drawId()));
        if (draw.createdBy().equals(command.actor())) {
            throw new SupervisionException(Kind.CONFLICT, "SEED_BY_SAME_SUPERVISOR", null,
                    "the supervisor who published a draw may not fix its seed: another supervisor enters the outside value");
        }
        if (draw.seed() != null) {
            // a retry after a crash between the seed and its notices issues those missing, then says the seed stands
            documents.notices(draw, draw.seedBy());
            throw alreadySeeded(draw);
        }
        String seed = DrawAlgorithm.seed(draw.publicationSha256(), command.value());
        List<DrawAlgorithm.Selected> selected = DrawAlgorithm.select(seed, draw.holders(),
                draw.inspectors(), DrawAlgorithm.selectionSize(draw.holders().size(), draw.sharePercent(), draw.count()));
        Map<String, Holder> byNumber = draw.holders().stream()
                .collect(Collectors.toMap(Holder::licenceNumber, Function.identity()));
        List<DrawStore.InspectionRow> inspections = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            Holder holder = byNumber.get(selected.get(i).licenceNumber());
            inspections.add(new DrawStore.InspectionRow(UUID.randomUUID(), draw.id(), i + 1, holder.certificateId(),
                    holder.licenceNumber(), holder.name(), selected.get(i).inspectors(), null, null, null, null, null, null,
                    null, null, false, null, null, false));
        }
        if (!store.seed(draw.id(), command.source(), command.value(), command.actor(), clock.instant(), seed, inspections)) {
            throw alreadySeeded(store.find(draw.id()).orElseThrow());
        }
        events.publishEvent(new SupervisionAudited(command.actor(), "SUPERVISION_DRAW_SEEDED", "draw/" + draw.id(),
                Map.of("seed", seed, "inspections", inspections.size())));
        // after the seed's transaction, one at a time: sealing holds no database connection
        documents.notices(store.find(draw.id()).orElseThrow(), command.actor());
        return find(draw.id()).orElseThrow();
    }

    public Inspection record(RecordResult command) {
        DrawStore.InspectionRow inspection = store.inspection(command.inspectionId()).orElseThrow(() ->
                new SupervisionException(Kind.NOT_FOUND, "INSPECTION_NOT_FOUND", null, "no inspection " + command.inspectionId()));
        DrawStore.Row draw = store.find(inspection.drawId()).orElseThrow();
        if (inspection.outcome() != null) {
            orderIfRectify(draw, inspection);
            throw resultRecorded(inspection);
        }
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        if (command.outcome() == Outcome.RECTIFY) {
            if (command.rectifyBy() == null || !command.rectifyBy().isAfter(today) || command.rectifyBy().isAfter(today.plusYears(1))) {
                throw new SupervisionException(Kind.INVALID, "INVALID_RECTIFY_BY", "$.rectifyBy",
                        "an order to rectify needs a deadline after today and within a year, as YYYY-MM-DD");
            }
        } else if (command.rectifyBy() != null) {
            throw new SupervisionException(Kind.INVALID, "INVALID_RECTIFY_BY", "$.rectifyBy",
                    "only an order to rectify (RECTIFY) has a deadline");
        }
        String basis = null;
        if (command.outcome() == Outcome.REVOKED) {
            basis = properties.licenceTypes().get(draw.licenceType()).revocationBasis();
            if (basis == null) {
                throw new SupervisionException(Kind.CONFLICT, "REVOCATION_NOT_ALLOWED", "$.outcome", "no law configured"
                        + " allows revoking a " + draw.licenceType() + " after an inspection; order rectification instead");
            }
            String reason = "双随机抽查不合格，依据" + basis + "吊销（检查 " + inspection.id() + "）";
            var revocation = archive.certificates().revoke(new RevokeCertificate(inspection.certificateId(), reason))
                    .orElseThrow();
            if (revocation.revokedNow()) {
                events.publishEvent(new CertificateRevoked(command.actor(), inspection.certificateId(), reason));
            }
        }
        if (!store.record(inspection.id(), command.outcome().name(), command.findings(), command.rectifyBy(), basis,
                command.actor(), clock.instant())) {
            throw resultRecorded(store.inspection(inspection.id()).orElseThrow());
        }
        events.publishEvent(new SupervisionAudited(command.actor(), "SUPERVISION_RESULT_RECORDED",
                "inspection/" + inspection.id(), Map.of("outcome", command.outcome().name())));
        orderIfRectify(draw, store.inspection(inspection.id()).orElseThrow());
        return inspection(store.inspection(inspection.id()).orElseThrow(), true);
    }

    /** Issues the order to rectify of an inspection recorded as RECTIFY, unless a former attempt did. */
    private void orderIfRectify(DrawStore.Row draw, DrawStore.InspectionRow inspection) {
        if (Outcome.RECTIFY.name().equals(inspection.outcome())) {
            documents.order(draw, inspection, inspection.recordedBy());
        }
    }

    /**
     * The sealed PDF of an inspection's notice ({@code order} false) or order to rectify, for a supervisor; the read is
     * audited. Empty when the inspection or that document does not exist.
     */
    public Optional<byte[]> document(UUID inspectionId, boolean order, String actor) {
        Optional<UUID> id = store.inspection(inspectionId).map(i -> order ? i.orderId() : i.noticeId());
        Optional<byte[]> pdf = id.flatMap(d -> archive.certificates().content(d));
        pdf.ifPresent(p -> events.publishEvent(new SupervisionAudited(actor, "SUPERVISION_DOCUMENT_READ",
                "inspection/" + inspectionId, Map.of("document", order ? "order" : "notice"))));
        return pdf;
    }

    /** The public record of a draw: no inspector's own words, no login. */
    public Optional<PublishedDraw> find(UUID id) {
        return store.find(id).map(d -> view(d, false));
    }

    /** A draw as its supervisors see it, with the inspectors' findings; the read is audited. */
    public Optional<PublishedDraw> findForSupervisors(UUID id, String actor) {
        Optional<PublishedDraw> draw = store.find(id).map(d -> view(d, true));
        draw.ifPresent(d -> events.publishEvent(new SupervisionAudited(actor, "SUPERVISION_DRAW_READ", "draw/" + id, null)));
        return draw;
    }

    public List<DrawSummary> recent(int limit) {
        return store.list(limit).stream().map(d -> new DrawSummary(d.id(), d.licenceType(), d.district(), d.publishedAt(),
                d.createdBy(), d.seed() != null, d.holders().size())).toList();
    }

    private PublishedDraw view(DrawStore.Row d, boolean withFindings) {
        List<Inspection> inspections = d.seed() == null ? List.of()
                : store.inspections(d.id()).stream().map(i -> inspection(i, withFindings)).toList();
        return new PublishedDraw(d.id(), DrawAlgorithm.FORMAT, d.seed() == null ? "PUBLISHED" : "DRAWN", d.publishedAt(),
                new Parameters(d.licenceType(), d.district(), d.sharePercent(), d.count(),
                        DrawAlgorithm.INSPECTORS_PER_INSPECTION),
                d.holders(), d.holdersSha256(), d.inspectors(), d.inspectorsSha256(),
                d.publicationSha256(), d.seed() == null ? null : new Seed(d.seedSource(), d.seedValue(), d.seededAt(), d.seed()),
                inspections);
    }

    private static Inspection inspection(DrawStore.InspectionRow i, boolean forSupervisors) {
        Result result = i.outcome() == null ? null : new Result(i.outcome(), i.rectifyBy(), i.legalBasis(), i.recordedAt(),
                forSupervisors ? i.findings() : null);
        return new Inspection(i.id(), i.seq(), i.licenceNumber(), i.holderName(), i.certificateId(), i.inspectors(), result,
                issued(i, i.noticeIssued(), i.noticeId(), i.noticeNumber(), "notice", forSupervisors),
                issued(i, i.orderIssued(), i.orderId(), i.orderNumber(), "order", forSupervisors));
    }

    /** A document counts as issued once it is registered: a reserved number alone was never sent. */
    private static IssuedDocument issued(DrawStore.InspectionRow i, boolean issued, UUID id, String number, String which,
                                         boolean forSupervisors) {
        if (!issued) {
            return null;
        }
        return forSupervisors ? new IssuedDocument(number, id, "/api/v1/supervision/inspections/" + i.id() + "/" + which)
                : new IssuedDocument(number, null, null);
    }

    private static SupervisionException drawNotFound(UUID id) {
        return new SupervisionException(Kind.NOT_FOUND, "DRAW_NOT_FOUND", null, "no draw " + id);
    }

    private static SupervisionException alreadySeeded(DrawStore.Row draw) {
        return new SupervisionException(Kind.CONFLICT, "ALREADY_SEEDED", null,
                "the seed of draw " + draw.id() + " was fixed at " + draw.seededAt() + "; it stands");
    }

    private static SupervisionException resultRecorded(DrawStore.InspectionRow inspection) {
        return new SupervisionException(Kind.CONFLICT, "RESULT_ALREADY_RECORDED", null,
                "inspection " + inspection.id() + " has its result (" + inspection.outcome() + ") since " + inspection.recordedAt());
    }
}
