package tongban.acceptance;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;

/** The same storm with a pool of 2: no request holds a connection while it waits, renders, seals or stores. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.maximum-pool-size=2")
class SubmissionStormSmallPoolTests {

    @LocalServerPort
    int port;
    @Autowired
    Archive archive;

    @Test
    void theStormPassesWithTwoConnections() {
        SubmissionStorm.run(port, archive, "2");
    }
}
