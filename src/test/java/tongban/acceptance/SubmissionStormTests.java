package tongban.acceptance;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;

/** The retry storm on the embedded stack with the default pool (10 connections). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubmissionStormTests {

    @LocalServerPort
    int port;
    @Autowired
    Archive archive;

    @Test
    void fiftyDuplicatesAndTwentyOthersAtOnceIssueTwentyOneCertificates() {
        SubmissionStorm.run(port, archive, "10 (default)");
    }
}
