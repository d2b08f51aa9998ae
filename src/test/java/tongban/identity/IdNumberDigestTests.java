package tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The digest a document carries instead of a resident ID number: checkable with the number, bounded when read. */
class IdNumberDigestTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ResidentIdNumber ZHANGSAN = ResidentIdNumber.parse("310101199001011234");
    private static final ResidentIdNumber LISI = ResidentIdNumber.parse("320102199203154514");

    @Test
    void theNumberMatchesItsDigestAndNoOtherDoesAndEachDigestHasItsOwnSalt() {
        IdNumberDigest digest = IdNumberDigest.of(ZHANGSAN);
        IdNumberDigest again = IdNumberDigest.of(ZHANGSAN);

        assertThat(digest.matches(ZHANGSAN)).isTrue();
        assertThat(digest.matches(LISI)).isFalse();
        assertThat(digest.salt()).hasSize(16).isNotEqualTo(again.salt());
        assertThat(digest.hash()).hasSize(32).isNotEqualTo(again.hash());
        assertThat(digest.toMap().toString()).doesNotContain(ZHANGSAN.value());
    }

    @Test
    void itsJsonFormReadsBackAndStillMatches() {
        IdNumberDigest digest = IdNumberDigest.of(ZHANGSAN);

        IdNumberDigest read = IdNumberDigest.read(JSON.valueToTree(digest.toMap()));

        assertThat(read).isNotNull();
        assertThat(read.matches(ZHANGSAN)).isTrue();
        assertThat(read.toMap()).isEqualTo(digest.toMap());
    }

    @Test
    void aDigestOfUnknownKindOrBeyondTheBoundsIsNotRead() {
        Map<String, Object> good = IdNumberDigest.of(ZHANGSAN).toMap();

        assertThat(IdNumberDigest.read(with(good, "algorithm", "sha256"))).isNull();
        assertThat(IdNumberDigest.read(with(good, "version", 16))).isNull();
        assertThat(IdNumberDigest.read(with(good, "memoryKiB", 1024 * 1024))).as("a gigabyte").isNull();
        assertThat(IdNumberDigest.read(with(good, "iterations", 1000))).isNull();
        assertThat(IdNumberDigest.read(with(good, "parallelism", 64))).isNull();
        assertThat(IdNumberDigest.read(with(good, "salt", Base64.getEncoder().encodeToString(new byte[4])))).isNull();
        assertThat(IdNumberDigest.read(with(good, "hash", "not base64!"))).isNull();
        assertThat(IdNumberDigest.read(JSON.readTree("\"3101**********1234\""))).isNull();
        assertThat(IdNumberDigest.read(JSON.missingNode())).isNull();
    }

    private static JsonNode with(Map<String, Object> map, String key, Object value) {
        ObjectNode node = JSON.valueToTree(map);
        node.putPOJO(key, value);
        return JSON.readTree(JSON.writeValueAsString(node));
    }
}
