package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tongban.rules.Decision;

/** A notice in English keeps its Chinese wording and prints the pack's English texts of the decision. */
class NoticeLanguageTests {

    @Test
    void englishPrintsTheReasonsInEnglishFromThePack() throws Exception {
        Notices.Case c = Notices.named("food-ineligible");
        Decision decision = Notices.decision(c);

        String text = NoticeText.of(Notices.renderer().render(Notices.data(c, NoticeData.Language.EN)));

        decision.reasons().forEach(reason -> {
            assertThat(text).contains(NoticeText.flat(reason.message().en()), NoticeText.flat(reason.basis()));
            assertThat(text).doesNotContain(NoticeText.flat(reason.message().zh()));
        });
        assertThat(text).contains("不予许可决定书", NoticeText.flat(Notices.item(c).name().en()));
    }

    @Test
    void englishPrintsTheMaterialNamesInEnglishFromThePack() throws Exception {
        Notices.Case c = Notices.named("registration-incomplete");

        String text = NoticeText.of(Notices.renderer().render(Notices.data(c, NoticeData.Language.EN)));

        assertThat(text).contains("Operator'sidentitydocument", "Letterofauthorisationfortheagent", "补正材料一次性告知书")
                .doesNotContain("经营者身份证明");
    }
}
