package tongban.seal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.Department;

class LocalTestAuthorityTests {

    static final Department MARKET = new Department("shanghai-amr", "上海市市场监督管理局", "电子证照专用章", null);
    static final Department POLICE = new Department("shanghai-psb", "上海市公安局", "电子证照专用章", null);

    @TempDir
    Path data;

    @Test
    void theFirstStartCreatesAMarkedTestAuthorityProtectedByAPrivateSecret() throws Exception {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data, List.of(MARKET, POLICE), null,
                Clock.systemUTC());

        assertThat(authority.root().getSubjectX500Principal().getName())
                .contains("CN=Tongban LOCAL TEST Root CA").contains("NOT FOR PRODUCTION");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secret"))))
                .isEqualTo("rw-------");
        assertThat(data.resolve("seal-shanghai-amr.p12")).exists();
        assertThat(data.resolve("seal-shanghai-psb.p12")).exists();
        assertThat(data.resolve("local-tsa.p12")).exists();
        assertThat(data.resolve("local-root-ca.crl")).exists();
        X509Certificate seal = Pkcs12KeySource.open(authority.sealKey("shanghai-amr")).chain().get(0);
        assertThat(seal.getSubjectX500Principal().getName()).contains("LOCAL TEST").contains("OU=shanghai-amr");
        assertThat(seal.getKeyUsage()[0]).as("digitalSignature").isTrue();
        seal.verify(authority.root().getPublicKey());
    }

    @Test
    void theTsaCertificateIsForTimeStampingOnlyAndCritical() throws Exception {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data, List.of(MARKET), null,
                Clock.systemUTC());

        X509Certificate tsa = Pkcs12KeySource.open(authority.tsaKey()).chain().get(0);

        assertThat(tsa.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(tsa.getCriticalExtensionOIDs()).contains("2.5.29.37");
    }

    @Test
    void aSecondStartReloadsTheSameKeysAndAddsNewDepartments() {
        LocalTestAuthority first = LocalTestAuthority.openOrCreate(data, List.of(MARKET), null, Clock.systemUTC());
        X509Certificate market = Pkcs12KeySource.open(first.sealKey("shanghai-amr")).chain().get(0);

        LocalTestAuthority second = LocalTestAuthority.openOrCreate(data, List.of(MARKET, POLICE), null,
                Clock.systemUTC());

        assertThat(second.root()).isEqualTo(first.root());
        assertThat(Pkcs12KeySource.open(second.sealKey("shanghai-amr")).chain().get(0)).isEqualTo(market);
        assertThat(Pkcs12KeySource.open(second.sealKey("shanghai-psb")).chain().get(1)).isEqualTo(first.root());
    }

    @Test
    void theCrlIsSignedByTheRootAndFresh() throws Exception {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data, List.of(MARKET), null,
                Clock.systemUTC());

        var list = authority.currentCrl();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(list.der()));

        crl.verify(authority.root().getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
        assertThat(list.nextUpdate()).isAfter(list.thisUpdate());
        assertThat(list.fileName()).isEqualTo(LocalTestAuthority.CRL_FILE_NAME);
    }

    @Test
    void theSecretNeverAppearsInTheKeyLocationsText() throws Exception {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data, List.of(MARKET), null,
                Clock.systemUTC());
        String secret = Files.readString(data.resolve("secret")).strip();

        assertThat(authority.sealKey("shanghai-amr").toString()).doesNotContain(secret).contains("***");
    }
}
