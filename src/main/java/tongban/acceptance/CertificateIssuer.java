package tongban.acceptance;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.archive.CertificateStatus;
import tongban.archive.DocumentKind;
import tongban.archive.ECertificate;
import tongban.documents.CertificateData;
import tongban.documents.CertificateDocument;
import tongban.documents.CertificateType;
import tongban.documents.RenderCertificate;
import tongban.identity.SharedData;
import tongban.platform.Json;
import tongban.platform.PublicBaseUrl;
import tongban.rules.ServiceItem;
import tools.jackson.databind.JsonNode;

/**
 * Issues the certificate (发证) of an acceptable application through {@link IssueDocument}. The number and id are
 * reserved on the application before anything is made, and a certificate already stored under them is taken as it
 * is, so a retry after a crash never issues twice. What a certificate says, its number and its validity come from its
 * type's template.yaml ({@link CertificateType}); nothing here knows one type from another.
 */
@Component
class CertificateIssuer {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

    private final RenderCertificate render;
    private final IssueDocument issuing;
    private final ApplicationStore applications;
    private final DocumentSequences sequences;
    private final PublicBaseUrl publicBaseUrl;
    private final String divisionCode;

    CertificateIssuer(RenderCertificate render, IssueDocument issuing, ApplicationStore applications,
                      DocumentSequences sequences, PublicBaseUrl publicBaseUrl,
                      @Value("${tongban.issuing.division-code:310101}") String divisionCode) {
        this.render = render;
        this.issuing = issuing;
        this.applications = applications;
        this.sequences = sequences;
        this.publicBaseUrl = publicBaseUrl;
        this.divisionCode = divisionCode;
    }

    IssueDocument.Issued issue(Row application, ServiceItem item, SharedData shared, JsonNode form,
                               List<ECertificate> held, LocalDate today, IssueDocument.Filing filing) {
        String type = item.issues().type();
        CertificateType certificate = render.type(type).orElseThrow(() ->
                new IllegalStateException("the item " + item.code() + " issues " + type + ", which has no template"));
        CertificateType.Values values = certificate.values(new Sources(shared, form,
                item.named(form, held, ECertificate::type, ECertificate::number))::value);
        Row reserved = application.certificateNumber() != null ? application
                : applications.reserveCertificate(application.id(), certificate.number(divisionCode, today,
                        sequences.next(certificate.sequence()), values.fields()));
        log.debug("application {}: certificate {} reserved", application.id(), reserved.certificateId());
        LocalDate validUntil = certificate.validUntil(today).orElse(null);
        CertificateData data = new CertificateData(reserved.certificateId().toString(), type,
                reserved.certificateNumber(), values.holderName(), values.holderId(), item.department().name().zh(),
                today, validUntil, values.fields(), publicBaseUrl.get());
        return issuing.issue(new IssueDocument.Command(reserved.certificateId(), DocumentKind.CERTIFICATE, type,
                reserved.certificateNumber(),
                certificate.sealDepartment().orElse(item.department().id()), item.department().name().zh(),
                shared.subject().id(), Optional.ofNullable(validUntil).map(d -> d.plusDays(1).atStartOfDay(BEIJING).toInstant()),
                application.username(), "issue " + type + " for application " + application.id(), () -> {
                    CertificateDocument document = render.render(data);
                    return new IssueDocument.Rendered(document.pdf(), document.seal());
                }, filing));
    }

    /** The values a template.yaml may take a certificate's holder and fields from, by path. */
    private final class Sources {
        private final SharedData shared;
        private final JsonNode form;
        private final List<ECertificate> held;

        Sources(SharedData shared, JsonNode form, List<ECertificate> held) {
            this.shared = shared;
            this.form = form;
            this.held = held;
        }

        Object value(String path) {
            String[] p = path.split("\\.", 4);
            return switch (p[0]) {
                case "applicant" -> switch (p[1]) {
                    case "name" -> shared.name();
                    case "representativeName" -> shared.representativeName();
                    default -> shared.subject().id();
                };
                case "form" -> value(form.path(p[1]));
                case "records" -> Optional.ofNullable(shared.records().get(p[1])).map(String::valueOf).orElse(null);
                default -> held(p[1]).map(certificate -> p[2].equals("number") ? certificate.number()
                        // a certificate carries on what its own application said (e.g. the premises registered)
                        : applications.issuerOf(certificate.number())
                                .map(r -> value(Json.read(r.request()).path("form").path(p[3]))).orElse(null))
                        .orElse(null);
            };
        }

        private Optional<ECertificate> held(String type) {
            return held.stream().filter(c -> c.type().equals(type) && c.status() == CertificateStatus.VALID).findFirst();
        }

        private Object value(JsonNode node) {
            if (node.isArray()) {
                return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asString).toList();
            }
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }
    }
}
