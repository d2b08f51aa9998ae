package tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The sealed documents of 双随机 inspections (issue 18, item 2) over HTTP on the embedded stack: every drawn holder's
 * inspection notice and a failed inspection's order to rectify are sealed, verify VALID, carry their template's number,
 * are issued once however often the request is repeated, are claimed in archive reconciliation, and are downloadable by
 * supervisors only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisionDocumentsTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void everyDrawnHolderGetsASealedNoticeAndAFailedInspectionASealedOrderIssuedOnce() {
        Licences.businessLicence(http, "上海市黄浦区文书测试商店");
        Licences.businessLicence(http, "上海市黄浦区文书测试饭店");
        String drawId = Licences.publish(http, """
                { "licenceType": "business-licence", "count": 2,
                  "inspectors": [ { "badge": "D-1" }, { "badge": "D-2" }, { "badge": "D-3" } ] }""").path("id").asString();
        JsonNode drawn = Licences.seed(http, drawId, "4821");
        int before = documents();

        JsonNode inspections = http.get("/api/v1/supervision/draws/" + drawId, "supervisor").json().path("inspections");
        assertThat(inspections).hasSize(2);
        List<String> numbers = new ArrayList<>();
        for (JsonNode inspection : inspections) {
            JsonNode notice = inspection.path("notice");
            assertThat(notice.path("number").asString()).matches("JC310101" + LocalDate.now().getYear() + "\\d{6}");
            numbers.add(notice.path("number").asString());
            byte[] pdf = download(notice.path("download").asString());
            assertValid(pdf);
            String text = text(pdf);
            assertThat(text).contains("检查通知书", inspection.path("name").asString(),
                    inspection.path("licenceNumber").asString(), notice.path("number").asString());
            for (JsonNode badge : inspection.path("inspectors")) {
                assertThat(text).contains(badge.asString());
            }
        }
        assertThat(numbers).doesNotHaveDuplicates();
        // the public record says a notice was sent: its number, nothing to download
        JsonNode open = http.get("/api/v1/supervision/draws/" + drawId, null).json().path("inspections").get(0);
        assertThat(open.path("notice").path("number").asString()).isEqualTo(numbers.get(0));
        assertThat(open.path("notice").path("download").isNull()).isTrue();
        assertThat(open.path("notice").path("id").isNull()).isTrue();

        // seeding again is refused and issues nothing
        Response again = http.postJson("/api/v1/supervision/draws/" + drawId + "/seed",
                "{\"source\": \"s\", \"value\": \"9\"}", "supervisor2");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(documents()).isEqualTo(before);

        String inspection = drawn.path("inspections").get(0).path("id").asString();
        String by = LocalDate.now().plusDays(30).toString();
        String result = "{\"outcome\": \"RECTIFY\", \"findings\": \"未按规定公示营业执照\", \"rectifyBy\": \"" + by + "\"}";
        Response recorded = http.postJson("/api/v1/supervision/inspections/" + inspection + "/result", result, "supervisor");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        JsonNode order = recorded.json().path("order");
        assertThat(order.path("number").asString()).matches("ZG310101" + LocalDate.now().getYear() + "\\d{6}");
        byte[] pdf = download(order.path("download").asString());
        assertValid(pdf);
        LocalDate deadline = LocalDate.parse(by);
        assertThat(text(pdf)).contains("责令整改通知书", order.path("number").asString(),
                deadline.getYear() + "年" + deadline.getMonthValue() + "月" + deadline.getDayOfMonth() + "日");
        assertThat(documents()).isEqualTo(before + 1);
        Response twice = http.postJson("/api/v1/supervision/inspections/" + inspection + "/result", result, "supervisor");
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(documents()).isEqualTo(before + 1);

        // a passed inspection has no order
        String passed = drawn.path("inspections").get(1).path("id").asString();
        Response ok = http.postJson("/api/v1/supervision/inspections/" + passed + "/result",
                "{\"outcome\": \"PASSED\", \"findings\": \"ok\"}", "supervisor");
        assertThat(ok.json().path("order").isNull()).isTrue();
        assertThat(http.get("/api/v1/supervision/inspections/" + passed + "/order", "supervisor").status()).isEqualTo(404);

        // reconciliation: the inspection claims its documents
        String unclaimed = http.get("/api/v1/archive/reconciliation", "operator").json().path("unclaimedDocuments").toString();
        for (String number : numbers) {
            assertThat(unclaimed).doesNotContain(number);
        }
        assertThat(unclaimed).doesNotContain(order.path("number").asString());
    }

    @Test
    void onlySupervisorsDownloadAnInspectionsDocuments() {
        Licences.businessLicence(http, "上海市黄浦区下载测试商店");
        String drawId = Licences.publish(http, """
                { "licenceType": "business-licence", "count": 1, "inspectors": [ { "badge": "E-1" }, { "badge": "E-2" } ] }""")
                .path("id").asString();
        String inspection = Licences.seed(http, drawId, "17").path("inspections").get(0).path("id").asString();
        String notice = "/api/v1/supervision/inspections/" + inspection + "/notice";
        for (String user : List.of("zhangsan", "officer", "policy", "agent", "operator")) {
            assertThat(http.get(notice, user).status()).as(user).isEqualTo(403);
        }
        assertThat(http.get(notice, null).status()).isEqualTo(401);
        assertThat(http.get(notice, "supervisor").status()).isEqualTo(200);
        Response missing = http.get("/api/v1/supervision/inspections/" + UUID.randomUUID() + "/notice", "supervisor");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asString()).isEqualTo("DOCUMENT_NOT_FOUND");
        assertThat(http.get("/api/v1/supervision/inspections/not-an-id/notice", "supervisor").status()).isEqualTo(404);
    }

    private int documents() {
        return jdbc.sql("select count(*) from archive_certificate where type in ('inspection-notice', 'rectification-order')")
                .query(Integer.class).single();
    }

    private byte[] download(String path) {
        Response r = http.get(path, "supervisor");
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/pdf");
        return r.bytes();
    }

    private void assertValid(byte[] pdf) {
        JsonNode report = http.postMultipart("/api/v1/verify",
                new Multipart().file("file", "document.pdf", "application/pdf", pdf), null, null).json();
        assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("VALID");
    }

    private static String text(byte[] pdf) {
        try (PdfDocument document = new PdfDocument(new PdfReader(new ByteArrayInputStream(pdf)))) {
            return PdfTextExtractor.getTextFromPage(document.getPage(1)).replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
