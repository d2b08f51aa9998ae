package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tongban.rules.Decision;

/** The decision to refuse (不予许可/不予受理决定书) states each reason with its basis and the applicant's remedies. */
class RefusedDecisionTests {

    static List<Notices.Case> cases() {
        return Notices.CASES.stream().filter(c -> NoticeKind.of(c.outcome()) == NoticeKind.REFUSED).toList();
    }

    @ParameterizedTest(name = "{0}: every reason with its legal basis, the remedies and the department")
    @MethodSource("cases")
    void everyReasonWithItsBasisTheRemediesAndTheDepartment(Notices.Case c) throws Exception {
        Decision decision = Notices.decision(c);
        String text = NoticeText.of(Notices.render(c));

        assertThat(decision.reasons()).isNotEmpty();
        decision.reasons().forEach(reason -> assertThat(text)
                .contains(NoticeText.flat(reason.message().zh()) + "（依据：" + NoticeText.flat(reason.basis()) + "）"));
        assertThat(text).contains("六十日内", "《中华人民共和国行政复议法》", "申请行政复议", "六个月内",
                "《中华人民共和国行政诉讼法》第四十六条", "提起行政诉讼",
                NoticeText.flat(Notices.item(c).department().name().zh()), "2026年11月28日");
    }

    @Test
    void anIneligibleFoodBusinessIsRefusedALicenceUnderTheLicensingLaw() throws Exception {
        NoticeDocument notice = Notices.render(Notices.named("food-ineligible"));
        String text = NoticeText.of(notice);

        assertThat(notice.title()).isEqualTo("不予许可决定书");
        assertThat(text).contains("不予许可〔2026〕", "不符合法定条件", "根据《中华人民共和国行政许可法》第三十八条第二款的规定",
                "决定不予许可").doesNotContain("不予受理");
    }

    @Test
    void aResidencePermitIsNoLicenceSoItsRefusalCitesItsOwnRegulation() throws Exception {
        NoticeDocument notice = Notices.render(Notices.named("residence-ineligible"));
        String text = NoticeText.of(notice);

        assertThat(notice.title()).isEqualTo("不予办理居住证告知书");
        assertThat(text).contains("不予办理居住证〔2026〕", "根据《居住证暂行条例》第二条的规定", "决定不予办理居住证", "上海市公安局")
                .doesNotContain("行政许可法").doesNotContain("不予许可");
    }

    @Test
    void aRegistrationIsRefusedUnderTheRegistrationRegulation() throws Exception {
        NoticeDocument notice = Notices.render(Notices.named("registration-ineligible"));
        String text = NoticeText.of(notice);

        assertThat(notice.title()).isEqualTo("不予登记通知书");
        assertThat(text).contains("不予登记〔2026〕", "根据《中华人民共和国市场主体登记管理条例》第二十条的规定", "决定不予登记")
                .doesNotContain("行政许可法").doesNotContain("不予许可");
    }

    @Test
    void anApplicationForTheWrongItemIsNotAccepted() throws Exception {
        NoticeDocument notice = Notices.render(Notices.named("food-not-applicable"));
        String text = NoticeText.of(notice);

        assertThat(notice.title()).isEqualTo("不予受理决定书");
        assertThat(text).contains("不予受理〔2026〕", "不属于本事项的办理范围", "第三十二条第一款第一项", "决定不予受理", "备案")
                .doesNotContain("不予许可");
    }
}
