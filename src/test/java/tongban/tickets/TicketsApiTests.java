package tongban.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.acceptance.AcceptanceJourneyTests;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Http.Response;
import tongban.support.Multipart;
import tools.jackson.databind.JsonNode;

/**
 * The 12345 hotline's API and the applicant's own record: tickets raised, answered, rated and closed; the agent's
 * lookup needs a purpose, is logged where the applicant sees it, explains the decision and never shows a material;
 * every endpoint refuses bad input with a stable code; roles and "A never sees B" hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public class TicketsApiTests {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** zhangsan's business licence, issued; its id. */
    public static String issued(Http http) {
        Response r = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER)
                .file("premises-proof", "lease.pdf", "application/pdf", Fixtures.pdf("lease")),
                "test-" + UUID.randomUUID(), "zhangsan");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("ISSUED");
        return r.json().path("id").asString();
    }

    /** zhangsan's application without the premises proof: incomplete, with a reason and its rule. */
    static JsonNode incomplete(Http http) {
        Response r = http.postMultipart("/api/v1/applications",
                new Multipart().json("application", AcceptanceJourneyTests.REGISTER),
                "test-" + UUID.randomUUID(), "zhangsan");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("status").asString()).isEqualTo("INCOMPLETE");
        return r.json();
    }

    @Test
    void aTicketIsRaisedLookedUpAnsweredRatedAndClosedAndTheFiguresFollow() {
        JsonNode application = incomplete(http);
        String id = application.path("id").asString();
        String rule = application.path("decision").path("reasons").get(0).path("rule").asString();
        JsonNode before = http.get("/api/v1/tickets/figures", "agent").json();

        Response raised = http.postJson("/api/v1/applications/" + id + "/tickets",
                "{\"text\":\"为什么还要营业场所证明？\",\"kind\":\"QUESTION\",\"rule\":\"" + rule + "\"}", "zhangsan");
        assertThat(raised.status()).as(raised.body()).isEqualTo(201);
        String ticket = raised.json().path("id").asString();
        assertThat(raised.json().path("status").asString()).isEqualTo("OPEN");
        assertThat(raised.json().path("rule").asString()).isEqualTo(rule);
        // a double click is the same ticket
        assertThat(http.postJson("/api/v1/applications/" + id + "/tickets",
                "{\"text\":\"为什么还要营业场所证明？\",\"kind\":\"QUESTION\",\"rule\":\"" + rule + "\"}", "zhangsan")
                .json().path("id").asString()).isEqualTo(ticket);
        assertThat(http.get("/api/v1/applications/" + id + "/tickets", "zhangsan").body()).contains(ticket);

        Response queue = http.get("/api/v1/tickets?status=OPEN&size=100", "agent");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.headers().firstValue("X-Total-Count")).isPresent();
        assertThat(http.get("/api/v1/audit?action=TICKETS_READ&limit=5", "operator").body()).contains("\"agent\"");

        Response notYet = http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":\"SATISFIED\"}", "zhangsan");
        assertProblem(notYet, 409, "TICKET_NOT_ANSWERED");

        Response found = http.get("/api/v1/agent/applications?applicationId=" + id
                + "&purpose=%E6%9D%A5%E7%94%B5%E5%92%A8%E8%AF%A2", "agent");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.headers().firstValue("X-Total-Count")).hasValue("1");
        JsonNode view = found.json().get(0);
        assertThat(view.path("status").asString()).isEqualTo("INCOMPLETE");
        assertThat(view.path("applicant").asString()).isEqualTo("3101**********1234");
        assertThat(view.path("explanation").path("status").path("zh").asString()).contains("补正告知书");
        assertThat(view.path("explanation").path("reasons").get(0).path("rule").asString()).isEqualTo(rule);
        assertThat(view.path("explanation").path("reasons").get(0).path("basis").asString()).contains("《");
        assertThat(view.path("explanation").path("next").path("zh").asString()).contains("补齐");
        assertThat(view.path("tickets").toString()).contains(ticket);
        // never a material's file, name, hash or a link to a document's content
        assertThat(found.body()).doesNotContain("310101199001011234", "sha256", "fileName", "downloadUrl", "/pdf");

        Response reads = http.get("/api/v1/me/data-access", "zhangsan");
        assertThat(reads.status()).isEqualTo(200);
        JsonNode newest = reads.json().get(0);
        assertThat(newest.path("actor").asString()).isEqualTo("agent");
        assertThat(newest.path("purpose").asString()).isEqualTo("来电咨询");
        assertThat(newest.path("applicationId").asString()).isEqualTo(id);
        assertThat(newest.path("department").path("zh").asString()).contains("12345");
        assertThat(http.get("/api/v1/audit?action=AGENT_LOOKUP&target=application/" + id, "operator").body())
                .contains("来电咨询");

        Response answered = http.postJson("/api/v1/tickets/" + ticket + "/answer",
                "{\"answer\":\"经营场所证明用于核实场所，可在补正后重新提交。\"}", "agent");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("status").asString()).isEqualTo("ANSWERED");

        Response rated = http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":\"BASICALLY_SATISFIED\"}", "zhangsan");
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
        assertProblem(http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":\"DISSATISFIED\"}", "zhangsan"), 409, "TICKET_ALREADY_RATED");

        Response closed = http.postJson("/api/v1/tickets/" + ticket + "/close", "{\"resolved\":true}", "agent");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().path("status").asString()).isEqualTo("CLOSED");
        assertThat(http.postJson("/api/v1/tickets/" + ticket + "/close", "{\"resolved\":true}", "agent").status())
                .isEqualTo(200);
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/answer", "{\"answer\":\"再答\"}", "agent"),
                409, "TICKET_CLOSED");

        JsonNode after = http.get("/api/v1/tickets/figures", "agent").json();
        assertThat(after.path("closed").asLong()).isEqualTo(before.path("closed").asLong() + 1);
        assertThat(after.path("resolved").asLong()).isEqualTo(before.path("resolved").asLong() + 1);
        assertThat(after.path("satisfied").asLong()).isEqualTo(before.path("satisfied").asLong() + 1);
        assertThat(after.path("resolutionRate").asDouble()).isPositive();
        assertThat(http.get("/api/v1/audit?target=ticket/" + ticket, "operator").body())
                .contains("TICKET_RAISED", "TICKET_ANSWERED", "TICKET_RATED", "TICKET_CLOSED");
    }

    @Test
    void anotherApplicantNeverSeesOrTouchesTheTicketsOrTheApplication() {
        String id = issued(http);
        String ticket = http.postJson("/api/v1/applications/" + id + "/tickets", "{\"text\":\"证照何时生效？\"}",
                "zhangsan").json().path("id").asString();
        http.postJson("/api/v1/tickets/" + ticket + "/answer", "{\"answer\":\"立即生效。\"}", "agent");

        assertProblem(http.postJson("/api/v1/applications/" + id + "/tickets", "{\"text\":\"x\"}", "lisi"), 404,
                "APPLICATION_NOT_FOUND");
        assertProblem(http.get("/api/v1/applications/" + id + "/tickets", "lisi"), 404, "APPLICATION_NOT_FOUND");
        assertProblem(http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":\"DISSATISFIED\"}", "lisi"), 404, "TICKET_NOT_FOUND");
        assertThat(http.get("/api/v1/me/data-access", "lisi").body()).doesNotContain(id);
        // the ticket of zhangsan under another of zhangsan's applications is not found either
        String other = issued(http);
        assertProblem(http.postJson("/api/v1/applications/" + other + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":\"SATISFIED\"}", "zhangsan"), 404, "TICKET_NOT_FOUND");
    }

    @Test
    void rolesHold() {
        String id = issued(http);
        String certificate = http.get("/api/v1/applications/" + id, "zhangsan").json().path("certificate").path("id")
                .asString();
        for (String path : new String[] {"/api/v1/tickets", "/api/v1/tickets/figures",
                "/api/v1/agent/applications?applicationId=" + id + "&purpose=x"}) {
            assertProblem(http.get(path, "zhangsan"), 403, "FORBIDDEN");
            assertProblem(http.get(path, "officer"), 403, "FORBIDDEN");
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertProblem(http.postJson("/api/v1/tickets/" + UUID.randomUUID() + "/answer", "{\"answer\":\"x\"}",
                "zhangsan"), 403, "FORBIDDEN");
        // an agent cannot complete, revoke, download a document or act as an applicant
        assertProblem(http.postJson("/api/v1/applications/" + id + "/complete", "{}", "agent"), 403, "FORBIDDEN");
        assertProblem(http.postJson("/api/v1/certificates/" + certificate + "/revoke", "{\"reason\":\"x\"}", "agent"),
                403, "FORBIDDEN");
        for (String path : new String[] {"/api/v1/documents/" + certificate + "/pdf",
                "/api/v1/certificates/" + certificate + "/pdf", "/api/v1/applications/" + id, "/api/v1/me",
                "/api/v1/me/data-access"}) {
            assertProblem(http.get(path, "agent"), 403, "FORBIDDEN");
        }
        assertThat(http.get("/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void badInputGetsAStableCodeAndNeverA500() {
        String id = incomplete(http).path("id").asString();
        String tickets = "/api/v1/applications/" + id + "/tickets";
        assertProblem(http.postJson(tickets, "{", "zhangsan"), 400, "MALFORMED_JSON");
        assertProblem(http.postJson(tickets, "{}", "zhangsan"), 400, "TICKET_TEXT_REQUIRED", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":\"   \"}", "zhangsan"), 400, "TICKET_TEXT_REQUIRED", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":42}", "zhangsan"), 400, "TICKET_TEXT_REQUIRED", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":\"" + "长".repeat(2001) + "\"}", "zhangsan"), 400,
                "TICKET_TEXT_REQUIRED", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":\"a\\u0000b\"}", "zhangsan"), 400, "INVALID_TICKET_TEXT", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":\"a\\u202eb\"}", "zhangsan"), 400, "INVALID_TICKET_TEXT", "$.text");
        assertProblem(http.postJson(tickets, "{\"text\":\"ok\",\"kind\":\"RANT\"}", "zhangsan"), 400,
                "INVALID_TICKET_KIND", "$.kind");
        assertProblem(http.postJson(tickets, "{\"text\":\"ok\",\"rule\":\"no such rule\"}", "zhangsan"), 400,
                "UNKNOWN_RULE", "$.rule");
        assertProblem(http.postJson(tickets, "{\"text\":\"ok\",\"rule\":7}", "zhangsan"), 400, "UNKNOWN_RULE", "$.rule");
        assertProblem(http.postJson("/api/v1/applications/not-a-uuid/tickets", "{\"text\":\"ok\"}", "zhangsan"), 404,
                "APPLICATION_NOT_FOUND");
        assertProblem(http.postJson("/api/v1/applications/" + UUID.randomUUID() + "/tickets", "{\"text\":\"ok\"}",
                "zhangsan"), 404, "APPLICATION_NOT_FOUND");
        assertProblem(http.post(tickets, "text/plain", HttpRequest.BodyPublishers.ofString("hi"), "zhangsan"), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(http.get(tickets, "zhangsan").body()).doesNotContain("\"ok\"");

        String ticket = http.postJson(tickets, "{\"text\":\"bad input test\",\"kind\":\"COMPLAINT\"}", "zhangsan").json()
                .path("id").asString();
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/answer", "{}", "agent"), 400, "ANSWER_REQUIRED",
                "$.answer");
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/answer", "{\"answer\":\"\\u0007\"}", "agent"), 400,
                "INVALID_ANSWER", "$.answer");
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/answer", "[", "agent"), 400, "MALFORMED_JSON");
        assertProblem(http.postJson("/api/v1/tickets/nope/answer", "{\"answer\":\"x\"}", "agent"), 404,
                "TICKET_NOT_FOUND");
        assertProblem(http.postJson("/api/v1/tickets/" + UUID.randomUUID() + "/answer", "{\"answer\":\"x\"}", "agent"),
                404, "TICKET_NOT_FOUND");
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/close", "{\"resolved\":true}", "agent"), 409,
                "TICKET_NOT_ANSWERED");
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/close", "{\"resolved\":\"yes\"}", "agent"), 400,
                "RESOLVED_REQUIRED", "$.resolved");
        http.postJson("/api/v1/tickets/" + ticket + "/answer", "{\"answer\":\"已转办\"}", "agent");
        assertProblem(http.postJson("/api/v1/tickets/" + ticket + "/close",
                "{\"resolved\":false,\"satisfaction\":\"HAPPY\"}", "agent"), 400, "INVALID_SATISFACTION", "$.satisfaction");
        assertProblem(http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating", "{}", "zhangsan"),
                400, "INVALID_SATISFACTION", "$.satisfaction");
        assertProblem(http.postJson("/api/v1/applications/" + id + "/tickets/" + ticket + "/rating",
                "{\"satisfaction\":1}", "zhangsan"), 400, "INVALID_SATISFACTION", "$.satisfaction");

        String lookup = "/api/v1/agent/applications?";
        assertProblem(http.get(lookup + "applicationId=" + id, "agent"), 400, "PURPOSE_REQUIRED", "purpose");
        assertProblem(http.get(lookup + "applicationId=" + id + "&purpose=%20", "agent"), 400, "PURPOSE_REQUIRED",
                "purpose");
        assertProblem(http.get(lookup + "applicationId=" + id + "&purpose=a%00b", "agent"), 400, "INVALID_PURPOSE",
                "purpose");
        assertProblem(http.get(lookup + "purpose=x", "agent"), 400, "LOOKUP_KEY_REQUIRED", "applicationId");
        assertProblem(http.get(lookup + "applicationId=" + id + "&idNumber=310101199001011234&purpose=x", "agent"), 400,
                "LOOKUP_KEY_REQUIRED");
        assertProblem(http.get(lookup + "idNumber=310101199001011235&purpose=x", "agent"), 400, "INVALID_ID_NUMBER",
                "idNumber");
        assertProblem(http.get(lookup + "idNumber=%3Cscript%3E&purpose=x", "agent"), 400, "INVALID_ID_NUMBER");
        assertProblem(http.get(lookup + "applicationId=nope&purpose=x", "agent"), 404, "APPLICATION_NOT_FOUND");
        assertProblem(http.get(lookup + "applicationId=" + UUID.randomUUID() + "&purpose=x", "agent"), 404,
                "APPLICATION_NOT_FOUND");
        assertProblem(http.get("/api/v1/tickets?status=LOST", "agent"), 400, "INVALID_TICKET_STATUS", "status");

        for (String list : new String[] {"/api/v1/applications?", "/api/v1/me/data-access?",
                "/api/v1/applications/" + id + "/tickets?"}) {
            for (String bad : new String[] {"size=101", "size=0", "page=-1", "size=abc", "page=1e3"}) {
                assertProblem(http.get(list + bad, "zhangsan"), 400, "INVALID_PAGE");
            }
        }
        for (String list : new String[] {"/api/v1/tickets?", lookup + "idNumber=310101199001011234&purpose=x&"}) {
            assertProblem(http.get(list + "size=101", "agent"), 400, "INVALID_PAGE", "size");
        }
    }

    @Test
    void listsArePagedNewestFirst() {
        issued(http);
        issued(http);
        Response first = http.get("/api/v1/applications?page=0&size=1", "zhangsan");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().size()).isEqualTo(1);
        long total = Long.parseLong(first.headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(first.headers().firstValue("Link").orElseThrow()).contains("page=1", "rel=\"next\"");
        Response second = http.get("/api/v1/applications?page=1&size=1", "zhangsan");
        assertThat(second.json().get(0).path("createdAt").asString())
                .isLessThanOrEqualTo(first.json().get(0).path("createdAt").asString());
        assertThat(second.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"");

        Response byNumber = http.get("/api/v1/agent/applications?idNumber=310101199001011234&purpose=%E5%9B%9E%E8%AE%BF"
                + "&size=1", "agent");
        assertThat(byNumber.status()).as(byNumber.body()).isEqualTo(200);
        assertThat(byNumber.json().size()).isEqualTo(1);
        assertThat(byNumber.headers().firstValue("X-Total-Count").orElseThrow()).isEqualTo(Long.toString(total));
    }

    @Test
    void meIsTheSubjectAndWhatTheLibrariesMayShareNeverTheNegativeList() {
        Response me = http.get("/api/v1/me", "lisi");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().path("kind").asString()).isEqualTo("PERSON");
        assertThat(me.json().path("name").asString()).isEqualTo("李四");
        assertThat(me.json().path("maskedId").asString()).isEqualTo("3201**********4514");
        assertThat(me.body()).contains("residenceRegistrationMonths", "socialInsuranceMonthsLast12", "hukouRegion")
                .doesNotContain("320102199203154514", "ethnicity", "汉族", "\"address\"");
        Response company = http.get("/api/v1/me", "acme");
        assertThat(company.json().path("kind").asString()).isEqualTo("ORGANISATION");
        assertThat(company.json().path("name").asString()).isEqualTo("上海阿克米餐饮管理有限公司");
        assertThat(company.body()).doesNotContain("310115198008085010", "91310115MA1H7K2X0N");
        assertProblem(http.get("/api/v1/me", "operator"), 403, "FORBIDDEN");
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.body()).isTrue();
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
    }

    static void assertProblem(Response r, int status, String code, String field) {
        assertProblem(r, status, code);
        assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field);
    }
}
