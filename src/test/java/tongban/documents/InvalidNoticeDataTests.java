package tongban.documents;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Notice data that cannot make a correct notice is refused, naming the value at fault; nothing is made. */
class InvalidNoticeDataTests {

    private static final NoticeData GOOD = Notices.data(Notices.named("residence-incomplete"), NoticeData.Language.ZH);

    private static void refused(NoticeData data, String field) {
        assertThatThrownBy(() -> Notices.renderer().render(data))
                .isInstanceOfSatisfying(InvalidNoticeData.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aDecisionOfAnotherItemIsRefused() {
        refused(new NoticeData(GOOD.documentId(), GOOD.applicationId(), GOOD.applicationNumber(), GOOD.applicantName(),
                Notices.item(Notices.named("food-incomplete")), GOOD.decision(), GOOD.issueDate(), null,
                GOOD.verifyBaseUrl(), null), "decision.item");
    }

    @Test
    void aDocumentIdThatCannotBeInAnAddressIsRefused() {
        refused(new NoticeData("a/b", GOOD.applicationId(), GOOD.applicationNumber(), GOOD.applicantName(), GOOD.item(),
                GOOD.decision(), GOOD.issueDate(), null, GOOD.verifyBaseUrl(), null), "documentId");
    }

    @Test
    void anApplicantNameTheFontCannotShowIsRefused() {
        refused(new NoticeData(GOOD.documentId(), GOOD.applicationId(), GOOD.applicationNumber(), "张\uD840\uDC00",
                GOOD.item(), GOOD.decision(), GOOD.issueDate(), null, GOOD.verifyBaseUrl(), null), "applicantName");
    }

    @Test
    void aDeadlineBeforeTheIssueDateIsRefused() {
        refused(new NoticeData(GOOD.documentId(), GOOD.applicationId(), GOOD.applicationNumber(), GOOD.applicantName(),
                GOOD.item(), GOOD.decision(), GOOD.issueDate(), LocalDate.of(2026, 11, 1), GOOD.verifyBaseUrl(), null),
                "resubmitBy");
    }

    @Test
    void aDeadlineOnARefusalIsRefused() {
        NoticeData refusal = Notices.data(Notices.named("residence-ineligible"), NoticeData.Language.ZH);
        refused(new NoticeData(refusal.documentId(), refusal.applicationId(), refusal.applicationNumber(),
                refusal.applicantName(), refusal.item(), refusal.decision(), refusal.issueDate(),
                LocalDate.of(2026, 12, 5), refusal.verifyBaseUrl(), null), "resubmitBy");
    }

    @Test
    void aVerificationAddressWithAQueryIsRefused() {
        refused(new NoticeData(GOOD.documentId(), GOOD.applicationId(), GOOD.applicationNumber(), GOOD.applicantName(),
                GOOD.item(), GOOD.decision(), GOOD.issueDate(), null, URI.create("https://x.example/?a=1"), null),
                "verifyBaseUrl");
    }
}
