package tongban.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tongban.rules.Decision;
import tongban.rules.Decision.MaterialStatus;

/** The one-time notice of missing materials (补正材料一次性告知书) names everything still to do, at once. */
class IncompleteNoticeTests {

    static List<Notices.Case> cases() {
        return Notices.CASES.stream().filter(c -> c.outcome() == Decision.Outcome.INCOMPLETE).toList();
    }

    @ParameterizedTest(name = "{0}: every missing or refused material is named, and nothing else")
    @MethodSource("cases")
    void everyMissingOrRefusedMaterialIsNamedAndNoOther(Notices.Case c) throws Exception {
        Decision decision = Notices.decision(c);
        String text = NoticeText.of(Notices.render(c));

        // each item's own article, from its pack: 条例第十九条, 行政许可法第三十二条, 居住证暂行条例第九条
        assertThat(text).contains("补正材料一次性告知书", c.applicant() + "：", "TB20261127",
                "根据" + NoticeText.flat(Notices.item(c).notices().incomplete()) + "的规定",
                "自收到本告知书之日起5个工作日内", "上海市");
        List<Decision.MaterialCheck> toDo = decision.materials().stream()
                .filter(m -> m.status() == MaterialStatus.MISSING || m.status() == MaterialStatus.REJECTED).toList();
        assertThat(toDo).isNotEmpty();
        toDo.forEach(m -> assertThat(text).contains(NoticeText.flat(m.name().zh())));
        decision.materials().stream().filter(m -> !toDo.contains(m))
                .forEach(m -> assertThat(text).doesNotContain(NoticeText.flat(m.name().zh())));
    }

    @Test
    void aRefusedUploadIsToldAsSuchWithTheFormatsThatAreAccepted() throws Exception {
        String text = NoticeText.of(Notices.render(Notices.named("residence-incomplete")));

        assertThat(text).contains("本人相片（首次申领的在受理点现场采集）：已提交的文件格式不符合要求。请上传JPEG格式的电子文件。",
                "本人居民身份证：未提交。请上传JPEG、PNG、PDF格式的电子文件。");
    }

    @Test
    void aMaterialACommitmentCanReplaceSaysSo() throws Exception {
        String text = NoticeText.of(Notices.render(Notices.named("food-incomplete")));

        assertThat(text).contains("保证食品安全的规章制度：未提交。请上传PDF格式的电子文件。也可以选择告知承诺方式");
        assertThat(text).containsOnlyOnce("告知承诺");
    }

    @Test
    void aDateToResubmitByIsPrintedInsteadOfTheWorkingDays() throws Exception {
        Notices.Case c = Notices.named("registration-incomplete");
        NoticeData data = Notices.data(c, NoticeData.Language.ZH);
        NoticeData withDate = new NoticeData(data.documentId(), data.applicationId(), data.applicationNumber(),
                data.applicantName(), data.item(), data.decision(), data.issueDate(), LocalDate.of(2026, 12, 5),
                data.verifyBaseUrl(), data.language());

        String text = NoticeText.of(Notices.renderer().render(withDate));

        assertThat(text).contains("请于2026年12月5日前").doesNotContain("个工作日内");
    }
}
