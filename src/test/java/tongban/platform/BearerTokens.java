package tongban.platform;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Bearer tokens as an OIDC issuer signs them, and forged ones, made at test time with keys made at test time. */
final class BearerTokens {

    static final String ISSUER = "https://id.example.gov.cn";
    static final String AUDIENCE = "tongban";
    static final String ROLE_CLAIM = "tongban_roles";

    private BearerTokens() {
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicKeyPem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A token of {@link #ISSUER} for {@link #AUDIENCE}, valid for a minute. */
    static String token(KeyPair key, List<String> roles) {
        return token(key, ISSUER, List.of(AUDIENCE), Instant.now().plusSeconds(60), roles);
    }

    /** Any claims; a null issuer, audience or expiry leaves the claim out. */
    static String token(KeyPair key, String issuer, List<String> audience, Instant expires, List<String> roles) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("staff-1").claim(ROLE_CLAIM, roles);
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        if (expires != null) {
            claims.expirationTime(Date.from(expires));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(key.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
