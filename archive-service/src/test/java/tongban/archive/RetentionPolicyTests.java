package tongban.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention classes give each certificate type or item its years; a misconfigured policy is refused at start. */
class RetentionPolicyTests {

    private final RetentionPolicy policy = new RetentionPolicy(Map.of("PERMANENT", 100, "LONG", 30, "SHORT", 10),
            Map.of("business-licence", "PERMANENT", "parking-permit", "SHORT"), "LONG");

    @Test
    void aListedTypeGetsTheYearsOfItsClassByTheCalendar() {
        assertThat(policy.classFor("business-licence")).isEqualTo("PERMANENT");
        assertThat(policy.retainUntil("business-licence", Instant.parse("2024-02-29T10:00:00Z")))
                .isEqualTo(Instant.parse("2124-02-29T10:00:00Z"));
        assertThat(policy.retainUntil("parking-permit", Instant.parse("2026-11-27T00:00:00Z")))
                .isEqualTo(Instant.parse("2036-11-27T00:00:00Z"));
    }

    @Test
    void anUnlistedTypeGetsTheDefaultClass() {
        assertThat(policy.classFor("food-licence")).isEqualTo("LONG");
    }

    @Test
    void aTypeInAClassWithoutYearsOrADefaultWithoutYearsIsRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(Map.of("LONG", 30), Map.of("x", "ETERNAL"), "LONG"))
                .hasMessageContaining("ETERNAL");
        assertThatThrownBy(() -> new RetentionPolicy(Map.of("LONG", 30), Map.of(), "SHORT"))
                .hasMessageContaining("SHORT");
        assertThatThrownBy(() -> new RetentionPolicy(Map.of("LONG", 0), Map.of(), "LONG"))
                .hasMessageContaining("at least one year");
    }
}
