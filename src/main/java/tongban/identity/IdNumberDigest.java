package tongban.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import tools.jackson.databind.JsonNode;

/**
 * A salted, deliberately slow digest of a resident ID number (身份证号码摘要), carried by a document instead of the
 * number: whoever holds the applicant's ID card can check it, nobody can read the number off it. Argon2id
 * (RFC 9106) rather than a plain SHA-256: the number has little entropy (the masked form shows 8 of its 18
 * characters, and the rest are a county, a birth date and a sequence), so a fast hash could be reversed by trying
 * every candidate in seconds; Argon2id makes each try cost {@link #MEMORY_KIB} KiB and {@link #ITERATIONS} passes.
 * The parameters travel with the digest, so they can be raised later without breaking older documents.
 *
 * @param salt 16 random bytes, one salt per document
 */
public record IdNumberDigest(String algorithm, int version, int memoryKiB, int iterations, int parallelism,
                             byte[] salt, byte[] hash) {

    public static final String ALGORITHM = "argon2id";
    // OWASP's first Argon2id configuration (m=19 MiB, t=2, p=1): 72–134 ms a digest on the development machine
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // bounds for parameters read from a document (only from one our seal vouches for, but a digest must never
    // make the server spend more than a few times today's memory and time)
    private static final int MAX_MEMORY_KIB = 64 * 1024;
    private static final int MAX_ITERATIONS = 10;
    private static final int MAX_PARALLELISM = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The digest of a checked resident ID number under a fresh salt. */
    public static IdNumberDigest of(ResidentIdNumber id) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(id.value(), Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS, PARALLELISM, salt);
        return new IdNumberDigest(ALGORITHM, Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS, PARALLELISM,
                salt, hash);
    }

    /**
     * Reads a digest from its JSON form ({@link #toMap}); null when it is not one this platform would have written
     * (unknown algorithm, parameters outside the bounds, wrong lengths).
     */
    public static IdNumberDigest read(JsonNode json) {
        String algorithm = json.path("algorithm").asString(null);
        int version = json.path("version").asInt(0);
        int memoryKiB = json.path("memoryKiB").asInt(0);
        int iterations = json.path("iterations").asInt(0);
        int parallelism = json.path("parallelism").asInt(0);
        if (!ALGORITHM.equals(algorithm) || version != Argon2Parameters.ARGON2_VERSION_13
                || memoryKiB < 8 || memoryKiB > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS
                || parallelism < 1 || parallelism > MAX_PARALLELISM) {
            return null;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(json.path("salt").asString(""));
            byte[] hash = Base64.getDecoder().decode(json.path("hash").asString(""));
            return salt.length < SALT_BYTES || hash.length != HASH_BYTES ? null
                    : new IdNumberDigest(algorithm, version, memoryKiB, iterations, parallelism, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code id} is the number this digest was made of (constant-time comparison). */
    public boolean matches(ResidentIdNumber id) {
        return MessageDigest.isEqual(hash, argon2(id.value(), version, memoryKiB, iterations, parallelism, salt));
    }

    /** The JSON form: algorithm, its parameters, salt and hash in Base64. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("algorithm", algorithm);
        map.put("version", version);
        map.put("memoryKiB", memoryKiB);
        map.put("iterations", iterations);
        map.put("parallelism", parallelism);
        map.put("salt", Base64.getEncoder().encodeToString(salt));
        map.put("hash", Base64.getEncoder().encodeToString(hash));
        return map;
    }

    private static byte[] argon2(String value, int version, int memoryKiB, int iterations, int parallelism,
                                 byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(version)
                .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                .build());
        byte[] hash = new byte[HASH_BYTES];
        generator.generateBytes(value.getBytes(StandardCharsets.US_ASCII), hash);
        return hash;
    }
}
