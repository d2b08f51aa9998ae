package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tongban.rules.Decision;

/** The notice of acceptance (受理通知书) tells the time limit and every trip still ahead, with why. */
class AcceptedNoticeTests {

    static List<Notices.Case> cases() {
        return Notices.CASES.stream().filter(c -> c.outcome() == Decision.Outcome.ACCEPTABLE).toList();
    }

    @ParameterizedTest(name = "{0}: the time limit and every step in person are told")
    @MethodSource("cases")
    void theTimeLimitAndEveryStepInPersonAreTold(Notices.Case c) throws Exception {
        Decision decision = Notices.decision(c);
        String text = NoticeText.of(Notices.render(c));

        assertThat(text).contains("受理通知书", "予以受理", c.applicant() + "：",
                NoticeText.flat(Notices.item(c).name().zh()));
        Decision.TimeLimit limit = decision.timeLimit();
        assertThat(text).contains(limit.days() == 0 ? "当场作出决定" : "自受理之日起" + limit.days()
                + (limit.kind() == Decision.DayKind.WORKING ? "个工作日内" : "日内"));
        assertThat(text).contains("依据" + NoticeText.flat(Notices.item(c).notices().accepted()) + "，本机关决定予以受理");
        assertThat(text).contains("还需到现场" + decision.visits().count() + "次");
        decision.visits().steps().forEach(step -> assertThat(text).contains(NoticeText.flat(step.message().zh())));
        decision.visits().suggestions().forEach(s -> assertThat(text).contains(NoticeText.flat(s.message().zh())));
    }

    @Test
    void twoTripsComeWithThePostalAlternative() throws Exception {
        String text = NoticeText.of(Notices.render(Notices.named("residence-accepted")));
        assertThat(text).doesNotContain("15个工作日").doesNotContain("听证")
                .contains(NoticeText.flat(Notices.item(Notices.named("residence-accepted")).timeLimitNote().zh()));

        // 《居住证暂行条例》第九条: 15 days, not working days
        assertThat(text).contains("自受理之日起15日内", "还需到现场2次", "第1次（作出决定前）", "第2次（作出决定后）",
                "建议：按当前选择需跑动两次；改选邮寄送达居住证，只需跑动一次。");
    }

    @Test
    void theArticleOfTheAcceptanceIsCitedFromThePackNotEveryLawOfTheItem() throws Exception {
        Notices.Case c = Notices.named("food-accepted");
        String text = NoticeText.of(Notices.render(c));

        assertThat(text).contains("依据《中华人民共和国行政许可法》第三十二条第一款第五项，本机关决定予以受理")
                .doesNotContain("《中华人民共和国食品安全法》第三十三条、第三十五条");
        assertThat(text).contains("本事项不收费", "食品经营许可证电子证照");
    }
}
