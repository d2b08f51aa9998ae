package tongban.seal.timestamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tongban.seal.Department;
import tongban.seal.keys.LocalTestAuthority;
import tongban.seal.keys.Pkcs12KeySource;

class LocalTimestampAuthorityTests {

    @TempDir
    Path data;
    LocalTimestampAuthority tsa;

    @BeforeEach
    void start() {
        LocalTestAuthority authority = LocalTestAuthority.openOrCreate(data,
                List.of(new Department("shanghai-amr", "上海市市场监督管理局", "电子证照专用章", null)), null,
                Clock.systemUTC());
        tsa = new LocalTimestampAuthority(Pkcs12KeySource.open(authority.tsaKey()), Clock.systemUTC());
    }

    @Test
    void aDerRequestGetsAGrantedTokenOverTheImprint() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-256").digest("document".getBytes());
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint, BigInteger.valueOf(42));

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));

        response.validate(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getPolicy())
                .isEqualTo(LocalTimestampAuthority.POLICY);
        response.getTimeStampToken().validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.chain().get(0)));
    }

    @Test
    void bytesThatAreNoRequestGetARejection() throws Exception {
        TimeStampResponse response = new TimeStampResponse(tsa.respond("not a request".getBytes()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getTimeStampToken()).isNull();
    }

    @Test
    void aWeakDigestIsRejectedAsABadAlgorithm() throws Exception {
        byte[] imprint = MessageDigest.getInstance("SHA-1").digest("document".getBytes());
        TimeStampRequest request = new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA1, imprint);

        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));

        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.badAlg);
    }
}
