package tongban.acceptance;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.archive.ECertificate;
import tongban.documents.CertificateData;
import tongban.documents.CertificateDocument;
import tongban.documents.CertificateNumbers;
import tongban.documents.FoodBusinessFormat;
import tongban.documents.RenderCertificate;
import tongban.identity.SharedData;
import tongban.platform.PublicBaseUrl;
import tongban.rules.ServiceItem;
import tools.jackson.databind.JsonNode;

/**
 * Issues the certificate (发证) of an acceptable application: render from the item's template, seal with the
 * department's seal, store write-once in the e-certificate library. The number and id are reserved on the
 * application before anything is made, and a certificate already stored under them is taken as it is, so a
 * retry after a crash never issues twice.
 */
@Component
class CertificateIssuer {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(CertificateIssuer.class);

    private final RenderCertificate render;
    private final DocumentSealer sealer;
    private final ApplicationStore applications;
    private final PublicBaseUrl publicBaseUrl;
    private final String divisionCode;

    CertificateIssuer(RenderCertificate render, DocumentSealer sealer, ApplicationStore applications,
                      PublicBaseUrl publicBaseUrl,
                      @Value("${tongban.issuing.division-code:310101}") String divisionCode) {
        this.render = render;
        this.sealer = sealer;
        this.applications = applications;
        this.publicBaseUrl = publicBaseUrl;
        this.divisionCode = divisionCode;
    }

    DocumentSealer.Sealed issue(Row application, ServiceItem item, SharedData shared, JsonNode form, List<ECertificate> held,
                 LocalDate today) {
        String type = item.issues().type();
        Row reserved = application.certificateNumber() != null ? application
                : applications.reserveCertificate(application.id(), number(type, form, today));
        log.debug("application {}: certificate {} reserved", application.id(), reserved.certificateId());
        Optional<DocumentSealer.Sealed> existing = sealer.stored(type, reserved.certificateNumber());
        if (existing.isPresent()) {
            return existing.get();
        }
        CertificateData data = data(reserved.certificateId(), type, reserved.certificateNumber(), item, shared, form,
                held, today);
        log.debug("application {}: rendering certificate {}", application.id(), reserved.certificateId());
        CertificateDocument document = render.render(data);
        return sealer.sealAndStore(reserved.certificateId(), type, reserved.certificateNumber(),
                item.department().id(), item.department().name().zh(), shared.subject().id(), document.pdf(),
                document.seal(), Optional.ofNullable(data.validUntil()).map(d -> d.plusDays(1).atStartOfDay(BEIJING).toInstant()),
                application.username(), "issue " + type + " for application " + application.id());
    }

    private String number(String type, JsonNode form, LocalDate today) {
        long sequence = applications.nextNumber(type);
        return switch (type) {
            case "business-licence" -> CertificateNumbers.individualBusinessCreditCode(divisionCode, sequence).value();
            case "food-business-licence" -> CertificateNumbers.foodBusinessLicence(format(form), divisionCode, (int) sequence);
            case "residence-permit" -> CertificateNumbers.residencePermit(divisionCode, today, (int) sequence);
            default -> throw new IllegalStateException("no number scheme for certificate type " + type);
        };
    }

    private CertificateData data(UUID id, String type, String number, ServiceItem item, SharedData shared,
                                 JsonNode form, List<ECertificate> held, LocalDate today) {
        Map<String, Object> fields = new LinkedHashMap<>();
        String holderName = shared.name();
        String holderId = shared.subject().id();
        LocalDate validUntil = null;
        switch (type) {
            case "business-licence" -> {
                if (form.hasNonNull("businessName")) {
                    fields.put("businessName", form.get("businessName").asString());
                }
                fields.put("businessScope", strings(form.path("businessScope")));
                fields.put("premisesAddress", form.path("premisesAddress").asString());
            }
            case "food-business-licence" -> {
                // the licence names the business registered before: its credit code and premises carry over
                ECertificate licence = held.stream().filter(c -> c.type().equals("business-licence"))
                        .filter(c -> c.status() == tongban.archive.CertificateStatus.VALID).findFirst().orElseThrow();
                JsonNode registration = applications.issuerOf(licence.number())
                        .map(r -> tongban.platform.Json.read(r.request()).path("form")).orElse(null);
                String premises = registration == null ? "" : registration.path("premisesAddress").asString("");
                if (registration != null && registration.hasNonNull("businessName")) {
                    holderName = registration.get("businessName").asString();
                }
                holderId = licence.number();
                fields.put("legalRepresentative", shared.representativeName() == null ? shared.name()
                        : shared.representativeName());
                fields.put("residence", premises);
                fields.put("premisesAddress", premises);
                fields.put("businessFormat", format(form) == FoodBusinessFormat.CATERING ? "catering" : "food-sales");
                fields.put("foodCategories", strings(form.path("foodCategories")));
                validUntil = today.plusYears(5).minusDays(1);
            }
            case "residence-permit" -> {
                fields.put("district", String.valueOf(shared.records().getOrDefault("residenceDistrict", "")));
                fields.put("residenceAddress", String.valueOf(shared.records().getOrDefault("residenceAddress", "")));
                validUntil = today.plusYears(3).minusDays(1);
            }
            default -> throw new IllegalStateException("no template data for certificate type " + type);
        }
        return new CertificateData(id.toString(), type, number, holderName, holderId, item.department().name().zh(),
                today, validUntil, fields, publicBaseUrl.get());
    }

    private static FoodBusinessFormat format(JsonNode form) {
        for (JsonNode category : form.path("foodCategories")) {
            if (category.asString().startsWith("catering")) {
                return FoodBusinessFormat.CATERING;
            }
        }
        return FoodBusinessFormat.FOOD_SALES;
    }

    private static List<String> strings(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(JsonNode::asString).toList();
    }
}
