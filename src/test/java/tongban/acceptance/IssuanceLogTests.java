package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.support.Http;
import tongban.support.Multipart;

/**
 * What an operator reads while applications are issued: at INFO, what happened to each application, and nothing
 * from the libraries (iText's long-term-validation steps, BagIt's package steps, the embedded S3 server); no ERROR
 * for a normal issuance or notice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class IssuanceLogTests {

    @LocalServerPort
    int port;

    @Test
    void anIssuanceAndANoticeLogWhatHappenedAndNoLibraryChatter(CapturedOutput output) {
        Http http = new Http(port);
        http.get("/api/v1/items", null); // the first request's servlet start-up lines are not the issuance's
        int from = output.getOut().length();

        Http.Response issued = AcceptanceJourneyTests.registerABusiness(http);
        Http.Response incomplete = http.postMultipart("/api/v1/applications", new Multipart()
                .json("application", AcceptanceJourneyTests.REGISTER), AcceptanceJourneyTests.key(), "zhangsan");
        assertThat(issued.json().path("status").asString()).as(issued.body()).isEqualTo("ISSUED");
        assertThat(incomplete.json().path("status").asString()).as(incomplete.body()).isEqualTo("INCOMPLETE");

        List<String> lines = Arrays.asList(output.getOut().substring(from).split("\n"));
        assertThat(lines).as("the operator's line for each application")
                .anyMatch(l -> l.contains(" INFO ") && l.contains(issued.json().path("id").asString() + " of zhangsan")
                        && l.endsWith(": ISSUED"))
                .anyMatch(l -> l.contains(" INFO ") && l.contains(incomplete.json().path("id").asString())
                        && l.endsWith(": INCOMPLETE"));
        assertThat(lines).as("ERROR lines").noneMatch(l -> l.contains(" ERROR "));
        assertThat(lines).as("INFO lines of libraries").filteredOn(l -> l.contains(" INFO "))
                .allMatch(l -> logger(l).startsWith("tongban.") || logger(l).startsWith("t."));
        assertThat(lines).as("stack traces").noneMatch(l -> l.startsWith("\tat "));
    }

    /** The logger column of Spring Boot's console pattern: the word before " : ". */
    private static String logger(String line) {
        String head = line.substring(0, Math.max(0, line.indexOf(" : "))).strip();
        return head.substring(head.lastIndexOf(' ') + 1);
    }
}
