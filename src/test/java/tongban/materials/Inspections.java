package tongban.materials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** An inspector per test class, with the default limits or some changed, and the assertions the tests share. */
final class Inspections {

    private Inspections() {
    }

    static InspectionLimits limits(long maxFileBytes, Duration parseTimeout, int maxTextChars, long ratio, int depth) {
        InspectionLimits d = InspectionLimits.defaults();
        return new InspectionLimits(maxFileBytes, parseTimeout, maxTextChars, ratio, depth, d.concurrency(),
                d.admissionWait());
    }

    static InspectedMaterial assertRejected(InspectedMaterial result, RejectionCode code) {
        assertThat(result.code()).as(result.detail()).isEqualTo(code);
        assertThat(result.verdict()).isEqualTo(InspectedMaterial.Verdict.REJECTED);
        assertThat(result.accepted()).isFalse();
        assertThat(result.detail()).isNotBlank();
        assertThat(result.sha256()).hasSize(64);
        return result;
    }

    static InspectedMaterial assertAccepted(InspectedMaterial result, String detectedType) {
        assertThat(result.code()).as(result.detail()).isNull();
        assertThat(result.verdict()).isEqualTo(InspectedMaterial.Verdict.ACCEPTED);
        assertThat(result.accepted()).isTrue();
        assertThat(result.detectedType()).isEqualTo(detectedType);
        return result;
    }
}
