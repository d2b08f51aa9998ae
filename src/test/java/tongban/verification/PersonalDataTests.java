package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfObject;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfString;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 个人信息保护法 minimisation: every kind of document, issued through the real flow, carries the holder's resident
 * ID number only masked and as a salted digest — checked in every stream of the PDF (decompressed), every string,
 * every attachment and the text of every page — and so do the verification report, the page and the log. A verifier
 * who holds the ID card learns only whether the number matches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTests {

    // the demo base library's people (src/main/resources/db/demo)
    private static final String ZHANGSAN = "310101199001011234";
    private static final String LISI = "320102199203154514";
    private static final String WANGWU = "340102199507073020";
    private static final List<String> NUMBERS = List.of(ZHANGSAN, LISI, WANGWU);
    private static final String PERMIT = """
            { "item": "residence-permit", "form": { "applicationType": "FIRST", "basis": "EMPLOYMENT" },
              "options": { "delivery": "POST" } }""";

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void noDocumentReportPageOrLogLineCarriesAFullIdNumber(CapturedOutput output) throws IOException {
        Map<String, byte[]> documents = issueEveryKind();

        for (Map.Entry<String, byte[]> document : documents.entrySet()) {
            for (String number : NUMBERS) {
                assertNowhereIn(document.getValue(), number, document.getKey());
            }
            String report = verify(document.getValue(), null).body();
            String page = http.postMultipart("/verify", new Multipart().file("file", "d.pdf", "application/pdf",
                    document.getValue()), null, null).body();
            String english = http.postMultipart("/verify?lang=en", new Multipart().file("file", "d.pdf",
                    "application/pdf", document.getValue()), null, null).body();
            for (String number : NUMBERS) {
                assertThat(report).as(document.getKey() + " report").doesNotContain(number);
                assertThat(page + english).as(document.getKey() + " page").doesNotContain(number);
            }
        }
        for (String number : NUMBERS) {
            assertThat(output.getAll()).as("the log").doesNotContain(number);
        }
    }

    @Test
    void theCertificateDataCarriesTheNumberMaskedAndAsAnArgon2idDigestWithItsOwnSalt() throws IOException {
        byte[] first = businessLicence();
        byte[] second = businessLicence();

        JsonNode holder = attachedJson(first).path("holder");
        JsonNode other = attachedJson(second).path("holder");
        assertThat(attachedJson(first).path("format").asString()).isEqualTo("tongban-certificate-data/2");
        assertThat(holder.path("idKind").asString()).isEqualTo("resident-id");
        assertThat(holder.path("idMasked").asString()).isEqualTo("3101**********1234");
        assertThat(holder.has("id")).isFalse();
        assertThat(holder.path("idDigest").path("algorithm").asString()).isEqualTo("argon2id");
        assertThat(holder.path("idDigest").path("salt").asString()).isNotEqualTo(other.path("idDigest").path("salt").asString());
        assertThat(holder.path("idDigest").path("hash").asString()).isNotEqualTo(other.path("idDigest").path("hash").asString());

        JsonNode report = verify(first, null).json();
        assertThat(report.path("holder").path("idMasked").asString()).isEqualTo("3101**********1234");
        assertThat(report.path("holder").path("idDigest").path("hash").asString())
                .isEqualTo(holder.path("idDigest").path("hash").asString());
        assertThat(report.path("idNumberCheck").isNull()).isTrue();
    }

    @Test
    void aVerifierWithTheIdCardIsToldOnlyWhetherTheNumberMatches() {
        byte[] licence = businessLicence();
        byte[] permit = residencePermit();

        assertThat(verify(licence, ZHANGSAN).json().path("idNumberCheck").asString()).isEqualTo("MATCHES");
        // typed as people type it: with spaces and a lower-case x where there is one
        assertThat(verify(licence, "310101 19900101 1234").json().path("idNumberCheck").asString()).isEqualTo("MATCHES");
        assertThat(verify(licence, LISI).json().path("idNumberCheck").asString()).isEqualTo("DOES_NOT_MATCH");
        assertThat(verify(permit, LISI).json().path("idNumberCheck").asString()).isEqualTo("MATCHES");
        assertThat(verify(permit, ZHANGSAN).json().path("idNumberCheck").asString()).isEqualTo("DOES_NOT_MATCH");
        Http.Response matched = verify(permit, LISI);
        assertThat(matched.json().path("verdict").asString()).isEqualTo("VALID");
        assertThat(matched.body()).doesNotContain(LISI);
        // a document without a resident ID number to compare with, and a file that is not ours
        assertThat(verify(Fixtures.pdf("营业执照 " + ZHANGSAN), ZHANGSAN).json().path("idNumberCheck").asString())
                .isEqualTo("NOT_AVAILABLE");
    }

    @Test
    void theVerificationPageAnswersMatchesOrDoesNotMatchInBothLanguages() {
        byte[] licence = businessLicence();

        String matches = page("/verify", licence, ZHANGSAN).body();
        String differs = page("/verify?lang=en", licence, LISI).body();

        assertThat(matches).contains("data-id-number-check=\"MATCHES\"").contains("一致：")
                .contains("3101**********1234").doesNotContain(ZHANGSAN).doesNotContain("value=\"3101");
        assertThat(differs).contains("data-id-number-check=\"DOES_NOT_MATCH\"").contains("Does not match")
                .doesNotContain(LISI);
    }

    @Test
    void aMistypedIdNumberIsRefusedWithItsFieldBeforeTheFileIsVerified() {
        byte[] licence = businessLicence();

        for (String bad : List.of("31010119900101123", "310101199001011235", "310101199013011234",
                "<script>alert(1)</script>", "3101011990010112345678")) {
            Http.Response api = verify(licence, bad);
            assertThat(api.status()).as(bad).isEqualTo(400);
            assertThat(api.isProblem()).isTrue();
            assertThat(api.json().path("code").asString()).isEqualTo("INVALID_ID_NUMBER");
            assertThat(api.json().path("field").asString()).isEqualTo("idNumber");
            assertThat(api.body()).doesNotContain(bad);

            Http.Response zh = page("/verify", licence, bad);
            assertThat(zh.status()).isEqualTo(400);
            assertThat(zh.body()).contains("<title>错误：").contains("class=\"error-summary\"")
                    .contains("href=\"#idNumber\"").contains("id=\"idNumber-error\"")
                    .contains("aria-describedby=\"idNumber-hint idNumber-error\"").doesNotContain("id=\"verdict\"")
                    .doesNotContain("<script>alert");
        }
        assertThat(page("/verify?lang=en", licence, "12345").body()).contains("<title>Error: ")
                .contains("Enter a valid ID card number");
    }

    private Map<String, byte[]> issueEveryKind() {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put("business licence", businessLicence());
        JsonNode food = apply("zhangsan", """
                { "item": "food-business-licence",
                  "form": { "foodCategories": ["catering-hot"], "foodSafetyManager": true },
                  "options": { "commitment": true, "delivery": "ONLINE" } }""",
                new Multipart().file("equipment-layout", "layout.pdf", "application/pdf", Fixtures.pdf("设备布局")));
        documents.put("food licence", download(food.path("certificate"), "zhangsan"));
        JsonNode incomplete = apply("zhangsan", """
                { "item": "individual-business-registration",
                  "form": { "businessScope": ["retail-general", "hazardous-chemicals-retail"],
                            "premisesAddress": "上海市黄浦区南京东路1号" } }""", new Multipart());
        documents.put("incomplete notice", notice(incomplete, "NOTICE_INCOMPLETE", "zhangsan"));
        JsonNode accepted = apply("lisi", PERMIT, photo());
        documents.put("acceptance notice", notice(accepted, "NOTICE_ACCEPTED", "lisi"));
        documents.put("residence permit", complete(accepted));
        JsonNode refused = apply("wangwu", PERMIT, photo());
        documents.put("refusal", notice(refused, "DECISION_REFUSED", "wangwu"));
        return documents;
    }

    private byte[] businessLicence() {
        JsonNode issued = apply("zhangsan", """
                { "item": "individual-business-registration",
                  "form": { "businessName": "上海市黄浦区隐私便利店", "businessScope": ["retail-general"],
                            "premisesAddress": "上海市黄浦区南京东路9号" },
                  "options": { "delivery": "ONLINE" } }""",
                new Multipart().file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("租赁合同")));
        return download(issued.path("certificate"), "zhangsan");
    }

    private byte[] residencePermit() {
        return complete(apply("lisi", PERMIT, photo()));
    }

    private byte[] complete(JsonNode accepted) {
        assertThat(accepted.path("status").asString()).isEqualTo("ACCEPTED");
        // 李四 lives in 浦东新区: its window (officer2) checks in person, then completes
        String id = accepted.path("id").asString();
        assertThat(http.postJson("/api/v1/applications/" + id + "/in-person-check",
                "{\"checked\": \"身份证原件\", \"result\": \"PASSED\"}", "officer2").status()).isEqualTo(201);
        Http.Response completed = http.post("/api/v1/applications/" + id + "/complete",
                null, HttpRequest.BodyPublishers.noBody(), "officer2");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return download(completed.json().path("certificate"), "lisi");
    }

    private static Multipart photo() {
        return new Multipart().file("photo", "photo.jpg", "image/jpeg", Fixtures.jpeg());
    }

    private JsonNode apply(String user, String application, Multipart files) {
        Http.Response r = http.postMultipart("/api/v1/applications", files.json("application", application),
                "privacy-" + UUID.randomUUID(), user);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private byte[] notice(JsonNode application, String kind, String user) {
        JsonNode document = application.path("documents").get(0);
        assertThat(document.path("kind").asString()).isEqualTo(kind);
        return fetch(document.path("downloadUrl").asString(), user);
    }

    private byte[] download(JsonNode certificate, String user) {
        return fetch(certificate.path("downloadUrl").asString(), user);
    }

    private byte[] fetch(String url, String user) {
        Http.Response pdf = http.get(url, user);
        assertThat(pdf.status()).as(url).isEqualTo(200);
        return pdf.bytes();
    }

    private Http.Response verify(byte[] pdf, String idNumber) {
        Multipart body = new Multipart().file("file", "d.pdf", "application/pdf", pdf);
        return http.postMultipart("/api/v1/verify", idNumber == null ? body : body.text("idNumber", idNumber), null, null);
    }

    private Http.Response page(String path, byte[] pdf, String idNumber) {
        return http.postMultipart(path, new Multipart().file("file", "d.pdf", "application/pdf", pdf)
                .text("idNumber", idNumber), null, null);
    }

    /** The number is in no byte of the file, no decompressed stream (attachments too), no string, no page's text. */
    private static void assertNowhereIn(byte[] file, String number, String what) throws IOException {
        List<byte[]> needles = List.of(number.getBytes(StandardCharsets.US_ASCII),
                number.getBytes(StandardCharsets.UTF_16BE));
        List<byte[]> haystacks = new ArrayList<>();
        haystacks.add(file);
        StringBuilder texts = new StringBuilder();
        int streams = 0;
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(file)))) {
            for (int i = 1; i < pdf.getNumberOfPdfObjects(); i++) {
                PdfObject object = pdf.getPdfObject(i);
                if (object instanceof PdfStream stream) {
                    haystacks.add(stream.getBytes(true));
                    streams++;
                }
                strings(object, texts);
            }
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                texts.append(PdfTextExtractor.getTextFromPage(pdf.getPage(page)));
            }
            assertThat(pdf.getCatalog().getNameTree(PdfName.EmbeddedFiles).getNames())
                    .as(what + " has its data attached").isNotEmpty();
        }
        assertThat(streams).as(what + " streams").isGreaterThan(3);
        for (byte[] haystack : haystacks) {
            for (byte[] needle : needles) {
                assertThat(indexOf(haystack, needle)).as(what + ": " + number).isEqualTo(-1);
            }
        }
        assertThat(texts.toString().replaceAll("\\s+", "")).as(what + " text").doesNotContain(number);
    }

    // every string held directly or in nested dictionaries and arrays (a stream's dictionary too)
    private static void strings(PdfObject object, StringBuilder texts) {
        if (object instanceof PdfString string) {
            texts.append(string.toUnicodeString()).append('\n');
        } else if (object instanceof PdfDictionary dictionary) {
            for (PdfName key : dictionary.keySet()) {
                PdfObject value = dictionary.get(key, false);
                if (value != null && !value.isIndirectReference()) {
                    strings(value, texts);
                }
            }
        } else if (object instanceof PdfArray array) {
            for (int i = 0; i < array.size(); i++) {
                PdfObject value = array.get(i, false);
                if (value != null && !value.isIndirectReference()) {
                    strings(value, texts);
                }
            }
        }
    }

    private static JsonNode attachedJson(byte[] file) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(new ByteArrayInputStream(file)))) {
            var spec = pdf.getCatalog().getPdfObject().getAsArray(PdfName.AF).getAsDictionary(0);
            byte[] json = spec.getAsDictionary(PdfName.EF)
                    .getAsStream(PdfName.F).getBytes();
            return JsonMapper.builder().build().readTree(json);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
