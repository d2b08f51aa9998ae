package tongban.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.VerificationReport.Verdict;
import tongban.seal.keys.LocalTestAuthority;
import tongban.seal.keys.Pem;
import tongban.seal.keys.Pkcs12KeySource;
import tongban.seal.timestamp.LocalTimestampAuthority;

/**
 * A seal whose key was generated inside a PKCS#11 token (SoftHSM2) and never leaves it, configured as production
 * would be: PKCS#11 slot, trust anchor file, TSA URL, CRLs from the distribution point.
 */
class Pkcs11SealTests {

    /** Debian package softhsm2; the test fails (never skips) without it, so CI cannot pass it by accident. */
    static final Path SOFTHSM_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "240613";

    @TempDir
    Path work;

    @Test
    void aDocumentSealedWithATokenKeyVerifiesAsValid() throws Exception {
        long slot = newToken();
        try (LoopbackAuthorityServer server = new LoopbackAuthorityServer()) {
            LocalTestAuthority authority = LocalTestAuthority.openOrCreate(work.resolve("ca"),
                    List.of(TestDocuments.MARKET), server.crlBaseUrl(), Clock.systemUTC());
            server.serve(new LocalTimestampAuthority(Pkcs12KeySource.open(authority.tsaKey()), Clock.systemUTC()),
                    authority::currentCrl);

            KeyLocation.Pkcs11Token location = new KeyLocation.Pkcs11Token(SOFTHSM_LIBRARY, slot, Secret.of(PIN),
                    "seal", null);
            Provider provider = tongban.seal.keys.Pkcs11KeySource.provider(location);
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, PIN.toCharArray());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = authority.issueSealCertificate(TestDocuments.MARKET, pair.getPublic());
            token.setKeyEntry("seal", pair.getPrivate(), null, new Certificate[] {certificate, authority.root()});
            assertThat(pair.getPrivate().getEncoded()).as("the token never exports the private key").isNull();

            Path anchors = Files.writeString(work.resolve("anchors.pem"), Pem.write(List.of(authority.root())));
            Department department = new Department(TestDocuments.MARKET.id(), TestDocuments.MARKET.name(),
                    TestDocuments.MARKET.purpose(), location);
            SealConfig production = new SealConfig(null, TestDocuments.font(), List.of(department), List.of(anchors),
                    server.tsaUrl(), null, SealLevel.BASELINE_LT);
            try (SealService service = SealService.start(production, event -> { })) {
                assertThat(service.seals()).singleElement()
                        .satisfies(s -> assertThat(s.keyKind()).isEqualTo(KeyKind.PKCS11));
                SealedDocument sealed = service.seal(TestDocuments.sealCommand(TestDocuments.certificate(), null));

                VerificationReport report = service.verify(sealed.pdf());

                assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.VALID);
                assertThat(report.signatures().get(0).level()).isEqualTo("PAdES-BASELINE-LT");
                assertThat(service.timestampAuthority()).isEmpty();
            }
        }
    }

    /** Creates a token in a fresh SoftHSM2 store (SOFTHSM2_CONF, set for the test JVM) and returns its slot. */
    private static long newToken() throws IOException, InterruptedException {
        assertThat(SOFTHSM_LIBRARY).as("SoftHSM2 is required: apt-get install softhsm2").exists();
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF must be set for the test JVM (see the surefire configuration)")
                .isNotNull();
        Path confFile = Path.of(conf);
        Path tokens = confFile.resolveSibling("tokens-" + System.nanoTime());
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n", StandardCharsets.US_ASCII);
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label",
                "tongban-test", "--pin", PIN, "--so-pin", "8642097531").redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf);
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(output);
        assertThat(slot.find()).as(output).isTrue();
        return Long.parseLong(slot.group(1));
    }
}
