package tongban.policy;

import static org.assertj.core.api.Assertions.assertThat;

import tongban.support.Http.Response;

/** A problem+json answer with its status and stable code. */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as("problem+json: " + r.contentType()).isTrue();
        assertThat(r.json().path("code").asString()).as(r.body()).isEqualTo(code);
    }
}
