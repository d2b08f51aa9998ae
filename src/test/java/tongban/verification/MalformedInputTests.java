package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Http;
import tongban.support.Multipart;

/**
 * Every malformed or hostile upload is answered within 2 s with a 4xx problem+json or an INVALID report, never a
 * 500; files over the size limit are refused before they are parsed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
class MalformedInputTests {

    @LocalServerPort
    int port;
    @Autowired
    RenderCertificate render;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;

    @TestFactory
    Stream<DynamicTest> eachMalformedFileIsAnsweredWithAProblemOrInvalidWithinTwoSeconds() {
        Http http = new Http(port);
        byte[] genuine = new Certificates(render, seals, archive).issue().pdf();
        verify(http, genuine); // warm: the first request pays for class loading, not the corpus
        return MalformedInputs.corpus(genuine).entrySet().stream().map(input -> DynamicTest.dynamicTest(
                input.getKey(), () -> assertAnsweredQuickly(http, input)));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAsTooLarge() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, big, 0, 9);

        Http.Response response = verify(new Http(port), big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anUploadPastTheMultipartLimitIsRefusedAsTooLarge() {
        Http.Response response = verify(new Http(port), new byte[40 * 1024 * 1024]);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    private static void assertAnsweredQuickly(Http http, Map.Entry<String, byte[]> input) {
        long start = System.nanoTime();
        Http.Response response = verify(http, input.getValue());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("%s answered in %d ms", input.getKey(), millis).isLessThan(2000);
        assertThat(response.status()).as(response.body()).isNotEqualTo(500).isIn(200, 400, 413, 415, 422);
        if (response.status() == 200) {
            assertThat(response.json().path("verdict").asString()).as(response.body()).isEqualTo("INVALID");
        } else {
            assertThat(response.isProblem()).as(response.body()).isTrue();
            assertThat(response.json().path("code").asString()).isNotBlank();
        }
    }

    private static Http.Response verify(Http http, byte[] bytes) {
        return http.postMultipart("/api/v1/verify", new Multipart().file("file", "upload.pdf", "application/pdf", bytes),
                null, null);
    }
}
