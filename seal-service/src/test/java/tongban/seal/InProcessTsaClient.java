package tongban.seal;

import com.itextpdf.signatures.ITSAClient;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/** Lets iText in tests ask the service's own TSA, as a verifier's tool would over HTTP. */
final class InProcessTsaClient implements ITSAClient {

    private final TimestampAuthority authority;

    InProcessTsaClient(TimestampAuthority authority) {
        this.authority = authority;
    }

    @Override
    public int getTokenSizeEstimate() {
        return 6144;
    }

    @Override
    public MessageDigest getMessageDigest() throws java.security.GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256");
    }

    @Override
    public byte[] getTimeStampToken(byte[] imprint) throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint,
                new BigInteger(64, new SecureRandom()));
        TimeStampResponse response = new TimeStampResponse(authority.respond(request.getEncoded()));
        response.validate(request);
        return response.getTimeStampToken().getEncoded();
    }
}
