package tongban.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import tongban.archive.Archive;
import tongban.support.Burst;
import tongban.support.Burst.Answer;
import tongban.support.Burst.Submission;
import tongban.support.Figures;
import tongban.support.Fixtures;

/**
 * A retry storm (issue 12): 50 submissions with one Idempotency-Key and 20 with keys of their own, all at once.
 * Exactly one certificate for the shared key and one for each other, no 5xx, every answer within 30 s; a duplicate
 * still waiting when its bound passes is told 409 REQUEST_IN_PROGRESS with Retry-After, and then gets the one result.
 */
final class SubmissionStorm {

    static final String HOLDER = "310101199001011234";
    private static final Duration BOUND = Duration.ofSeconds(30);

    private SubmissionStorm() {
    }

    static void run(int port, Archive archive, String pool) {
        byte[] lease = Fixtures.pdf("lease for a storm " + UUID.randomUUID());
        String shared = "storm-" + UUID.randomUUID();
        List<Submission> submissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            submissions.add(new Submission("zhangsan", shared, AcceptanceJourneyTests.REGISTER, "premises-proof", lease));
        }
        for (int i = 0; i < 20; i++) {
            submissions.add(new Submission("zhangsan", "storm-own-" + UUID.randomUUID(), AcceptanceJourneyTests.REGISTER,
                    "premises-proof", lease));
        }
        int before = archive.certificates().listByHolder(HOLDER).size();

        List<Answer> answers = Burst.send(port, submissions, BOUND);

        Figures.record("storm", "pool " + pool + ": 70 at once (50 share a key): " + Burst.byStatus(answers)
                + ", median " + Burst.median(answers).toMillis() + " ms, slowest " + Burst.slowest(answers).toMillis() + " ms");
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isIn(201, 409);
            assertThat(a.took()).as("%s", a).isLessThan(BOUND);
            if (a.status() == 409) {
                assertThat(a.code()).isEqualTo("REQUEST_IN_PROGRESS");
                assertThat(a.retryAfter()).isPresent();
                assertThat(a.sent().key()).isEqualTo(shared);
            } else {
                assertThat(a.applicationStatus()).isEqualTo("ISSUED");
            }
        });
        Answer again = Burst.one(port, submissions.get(0), BOUND);
        assertThat(again.status()).isEqualTo(201);
        Set<String> sharedCertificates = answers.stream().filter(a -> a.sent().key().equals(shared) && a.status() == 201)
                .map(Answer::certificateId).collect(Collectors.toSet());
        assertThat(sharedCertificates).containsOnly(again.certificateId());
        Set<String> own = answers.stream().filter(a -> !a.sent().key().equals(shared))
                .map(Answer::certificateId).collect(Collectors.toSet());
        assertThat(own).hasSize(20).doesNotContain(again.certificateId());
        assertThat(archive.certificates().listByHolder(HOLDER)).hasSize(before + 21);
    }
}
