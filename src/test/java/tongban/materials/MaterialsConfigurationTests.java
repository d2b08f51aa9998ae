package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The inspector bean takes its limits from {@code tongban.materials.*}, and the defaults for any left out. */
class MaterialsConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(MaterialsConfiguration.class);

    @Test
    void withoutPropertiesTheDefaultsApply() {
        context.run(app -> assertThat(app.getBean(MaterialsInspector.class).limits())
                .isEqualTo(InspectionLimits.defaults()));
    }

    @Test
    void everyLimitCanBeSet() {
        context.withPropertyValues("tongban.materials.max-file-size=2MB", "tongban.materials.parse-timeout=750ms",
                        "tongban.materials.max-text-length=5000", "tongban.materials.max-compression-ratio=50",
                        "tongban.materials.max-depth=4", "tongban.materials.concurrency=3",
                        "tongban.materials.admission-wait=0s")
                .run(app -> assertThat(app.getBean(MaterialsInspector.class).limits()).isEqualTo(
                        new InspectionLimits(2L * 1024 * 1024, Duration.ofMillis(750), 5000, 50, 4, 3, Duration.ZERO)));
    }

    @Test
    void aNonsensicalLimitStopsTheApplicationFromStarting() {
        context.withPropertyValues("tongban.materials.concurrency=0")
                .run(app -> assertThat(app).hasFailed());
    }
}
