package tongban.verification;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tongban.archive.Archive;
import tongban.documents.RenderCertificate;
import tongban.seal.SealService;
import tongban.support.Http;

/**
 * The app on a random port without the rate limit, with a client and a maker of real issued certificates
 * (rendered, sealed, registered): what most verification tests start from. One context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = VerificationTestApp.NO_RATE_LIMIT)
abstract class IssuedCertificateTestBase {

    @LocalServerPort
    int port;
    @Autowired
    RenderCertificate render;
    @Autowired
    SealService seals;
    @Autowired
    Archive archive;
    Http http;
    Certificates certificates;

    @BeforeEach
    void client() {
        http = new Http(port);
        certificates = new Certificates(render, seals, archive);
    }
}
