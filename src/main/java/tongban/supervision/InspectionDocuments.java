package tongban.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tongban.acceptance.DocumentSequences;
import tongban.acceptance.IssueDocument;
import tongban.archive.DocumentKind;
import tongban.documents.CertificateData;
import tongban.documents.CertificateDocument;
import tongban.documents.CertificateType;
import tongban.documents.RenderCertificate;
import tongban.platform.Json;
import tongban.platform.PublicBaseUrl;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;

/**
 * The sealed documents of an inspection, issued through {@link IssueDocument} as {@link DocumentKind#INSPECTION}: the
 * inspection notice (检查通知书, 双告知) of every drawn holder and the order to rectify (责令整改通知书) of a failed
 * inspection. Each is a document type of its own under {@code templates/} (its number scheme, fields, seal and
 * retention are data); it is sealed by the department that issued the licence and names the licence's holder as the
 * registry has it. The id and number are reserved (committed) on the inspection first, so a retry after any crash
 * takes the document stored under them and never issues a second one.
 */
@Component
class InspectionDocuments {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    /** An inspection's document: its template folder and the columns that hold its reserved id and number. */
    enum Document {
        NOTICE("inspection-notice", "notice"), ORDER("rectification-order", "order");

        private final String type;
        private final String column;

        Document(String type, String column) {
            this.type = type;
            this.column = column;
        }

        String type() {
            return type;
        }

        String column() {
            return column;
        }

        UUID id(DrawStore.InspectionRow row) {
            return this == NOTICE ? row.noticeId() : row.orderId();
        }

        String number(DrawStore.InspectionRow row) {
            return this == NOTICE ? row.noticeNumber() : row.orderNumber();
        }
    }

    private final RenderCertificate render;
    private final IssueDocument issuing;
    private final DocumentSequences sequences;
    private final DrawStore store;
    private final RulePacks packs;
    private final PublicBaseUrl publicBaseUrl;
    private final Clock clock;
    private final String divisionCode;

    InspectionDocuments(RenderCertificate render, IssueDocument issuing, DocumentSequences sequences, DrawStore store,
                        RulePacks packs, PublicBaseUrl publicBaseUrl, Clock clock,
                        @Value("${tongban.issuing.division-code:310101}") String divisionCode) {
        this.render = render;
        this.issuing = issuing;
        this.sequences = sequences;
        this.store = store;
        this.packs = packs;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
        this.divisionCode = divisionCode;
    }

    /** Issues the inspection notice of every inspection of a seeded draw that has none issued yet. */
    void notices(DrawStore.Row draw, String actor) {
        for (DrawStore.InspectionRow inspection : store.inspections(draw.id())) {
            issue(draw, inspection, Document.NOTICE, actor);
        }
    }

    /** Issues the order to rectify of an inspection recorded as RECTIFY, unless it is issued already. */
    void order(DrawStore.Row draw, DrawStore.InspectionRow inspection, String actor) {
        issue(draw, inspection, Document.ORDER, actor);
    }

    private void issue(DrawStore.Row draw, DrawStore.InspectionRow inspection, Document document, String actor) {
        CertificateType type = render.type(document.type()).orElseThrow(() ->
                new IllegalStateException("no template for " + document.type()));
        DrawStore.Licence licence = store.licence(inspection.certificateId()).orElseThrow(() ->
                new IllegalStateException("the licence of inspection " + inspection.id() + " has no application"));
        // the department that issued the licence seals: by its item, or, for an item no longer served, by the name
        // the registry keeps for the licence's issuer
        ServiceItem.Department department = packs.item(licence.item()).map(ServiceItem::department)
                .or(() -> packs.items().stream().map(ServiceItem::department)
                        .filter(d -> d.name().zh().equals(licence.issuer())).findFirst())
                .orElseThrow(() -> new IllegalStateException("no department serves the licence " + inspection.licenceNumber()
                        + " (item " + licence.item() + ", issuer " + licence.issuer() + ")"));
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("licenceNumber", inspection.licenceNumber());
        form.put("licenceType", render.type(draw.licenceType()).map(CertificateType::title).orElse(draw.licenceType()));
        form.put("inspectors", inspection.inspectors());
        form.put("drawId", draw.id().toString());
        if (inspection.recordedAt() != null) {
            form.put("inspectedOn", CHINESE_DATE.format(LocalDate.ofInstant(inspection.recordedAt(), BEIJING)));
        }
        if (inspection.rectifyBy() != null) {
            form.put("rectifyBy", CHINESE_DATE.format(inspection.rectifyBy()));
        }
        CertificateType.Values values = type.values(path -> switch (path) {
            case "applicant.name" -> inspection.holderName();
            case "applicant.id" -> licence.holder();
            default -> path.startsWith("form.") ? form.get(path.substring(5)) : null;
        });
        DrawStore.InspectionRow reserved = document.id(inspection) != null ? inspection
                : store.reserve(inspection.id(), document, UUID.randomUUID(),
                        type.number(divisionCode, today, sequences.next(type.sequence()), values.fields()));
        UUID id = document.id(reserved);
        String number = document.number(reserved);
        CertificateData data = new CertificateData(id.toString(), document.type(), number, values.holderName(),
                values.holderId(), department.name().zh(), today, null, values.fields(), publicBaseUrl.get());
        Instant filed = document == Document.NOTICE ? draw.seededAt() : inspection.recordedAt();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("drawId", draw.id());
        record.put("inspectionId", inspection.id());
        record.put("seq", inspection.seq());
        record.put("licenceNumber", inspection.licenceNumber());
        record.put("inspectors", inspection.inspectors());
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("document", document.type());
        decision.put("seed", draw.seed());
        decision.put("outcome", inspection.outcome());
        decision.put("rectifyBy", inspection.rectifyBy());
        decision.put("findings", inspection.findings());
        issuing.issue(new IssueDocument.Command(id, DocumentKind.INSPECTION, document.type(), number,
                type.sealDepartment().orElse(department.id()), department.name().zh(), licence.holder(), Optional.empty(),
                actor, document.type() + " for inspection " + inspection.id(), () -> {
                    CertificateDocument pdf = render.render(data);
                    return new IssueDocument.Rendered(pdf.pdf(), pdf.seal());
                }, new IssueDocument.Filing("inspection-" + inspection.id() + "." + document.column(), "supervision",
                        department.name().zh(), filed, record, List.of(), decision, Json.write(record),
                        DrawAlgorithm.FORMAT)));
    }
}
