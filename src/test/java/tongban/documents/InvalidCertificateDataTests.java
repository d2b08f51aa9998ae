package tongban.documents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Data that cannot make a correct certificate is refused before anything is rendered, naming the value at fault. */
class InvalidCertificateDataTests {

    private static CertificateData licence(UnaryOperator<Map<String, Object>> changeFields) {
        CertificateData sample = Samples.sample("business-licence");
        return new CertificateData(sample.certificateId(), sample.type(), sample.number(), sample.holderName(),
                sample.holderId(), sample.issuer(), sample.issueDate(), sample.validUntil(),
                changeFields.apply(new LinkedHashMap<>(sample.fields())), sample.verifyBaseUrl());
    }

    private static CertificateData licenceWith(String holderName, String number, URI verifyBaseUrl) {
        CertificateData sample = Samples.sample("business-licence");
        return new CertificateData(sample.certificateId(), sample.type(), number, holderName, sample.holderId(),
                sample.issuer(), sample.issueDate(), sample.validUntil(), sample.fields(), verifyBaseUrl);
    }

    private static void refused(CertificateData data, String field, String message) {
        assertThatThrownBy(() -> Samples.renderer().render(data))
                .isInstanceOf(InvalidCertificateData.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidCertificateData) e).field()).isEqualTo(field);
    }

    @Test
    void aMissingHolderNameIsRefused() {
        refused(licenceWith(" ", "92310101MA49M3027F", URI.create("https://tongban.example.cn")), "holderName", "is required");
    }

    @Test
    void aHolderNameLongerThanTheLimitIsRefused() {
        refused(licenceWith("陈".repeat(21), "92310101MA49M3027F", URI.create("https://tongban.example.cn")),
                "holderName", "at most 20");
    }

    @Test
    void aHolderNameOverSeveralLinesIsRefused() {
        refused(licenceWith("陈建国\n王五", "92310101MA49M3027F", URI.create("https://tongban.example.cn")),
                "holderName", "one line");
    }

    @Test
    void aCharacterTheCertificateFontCannotShowIsRefused() {
        // 𠮷 (U+20BB7) is outside GB 2312, so the font subset has no glyph for it
        refused(licenceWith("\uD842\uDFB7建国", "92310101MA49M3027F", URI.create("https://tongban.example.cn")),
                "holderName", "U+20BB7");
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIsRefused() {
        refused(licenceWith("陈建国", "92310101MA49M3027E", URI.create("https://tongban.example.cn")),
                "number", "GB 32100");
    }

    @Test
    void aVerificationBaseThatIsNotAnHttpUrlIsRefused() {
        refused(licenceWith("陈建国", "92310101MA49M3027F", URI.create("javascript:alert(1)")), "verifyBaseUrl", "http");
    }

    @Test
    void aBusinessNameLongerThanItsTemplateAllowsIsRefused() {
        refused(licence(fields -> {
            fields.put("businessName", "建".repeat(31));
            return fields;
        }), "fields.businessName", "at most 30");
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        refused(licence(fields -> {
            fields.remove("premisesAddress");
            return fields;
        }), "fields.premisesAddress", "is required");
    }

    @Test
    void anUnknownScopeCodeIsRefusedListingTheKnownOnes() {
        refused(licence(fields -> {
            fields.put("businessScope", List.of("retail-general", "bakery"));
            return fields;
        }), "fields.businessScope[1]", "retail-general");
    }

    @Test
    void aRepeatedScopeIsRefused() {
        refused(licence(fields -> {
            fields.put("businessScope", List.of("catering", "catering"));
            return fields;
        }), "fields.businessScope[1]", "repeats");
    }

    @Test
    void aTextWhereTheTemplateExpectsAListIsRefused() {
        refused(licence(fields -> {
            fields.put("businessScope", "retail-general");
            return fields;
        }), "fields.businessScope", "list");
    }

    @Test
    void aFieldTheTemplateDoesNotHaveIsRefused() {
        refused(licence(fields -> {
            fields.put("registeredCapital", "100万元");
            return fields;
        }), "fields.registeredCapital", "is not a field");
    }

    @Test
    void aTypeWithoutATemplateIsRefused() {
        CertificateData sample = Samples.sample("business-licence");
        refused(new CertificateData(sample.certificateId(), "marriage-certificate", sample.number(), sample.holderName(),
                sample.holderId(), sample.issuer(), sample.issueDate(), null, sample.fields(), sample.verifyBaseUrl()),
                "type", "no template");
    }

    @Test
    void aFoodLicenceWithoutAnEndOfValidityIsRefused() {
        CertificateData sample = Samples.sample("food-business-licence");
        refused(new CertificateData(sample.certificateId(), sample.type(), sample.number(), sample.holderName(),
                sample.holderId(), sample.issuer(), sample.issueDate(), null, sample.fields(), sample.verifyBaseUrl()),
                "validUntil", "is required");
    }

    @Test
    void aValidityEndingBeforeTheIssueDateIsRefused() {
        CertificateData sample = Samples.sample("residence-permit");
        refused(new CertificateData(sample.certificateId(), sample.type(), sample.number(), sample.holderName(),
                sample.holderId(), sample.issuer(), sample.issueDate(), LocalDate.of(2026, 11, 26), sample.fields(),
                sample.verifyBaseUrl()), "validUntil", "before issueDate");
    }

    @Test
    void aResidencePermitForACreditCodeIsRefused() {
        CertificateData sample = Samples.sample("residence-permit");
        refused(new CertificateData(sample.certificateId(), sample.type(), sample.number(), sample.holderName(),
                "92310101MA49M3027F", sample.issuer(), sample.issueDate(), sample.validUntil(), sample.fields(),
                sample.verifyBaseUrl()), "holderId", "GB 11643");
    }
}
