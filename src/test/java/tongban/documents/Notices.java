package tongban.documents;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Notices made from real decisions: the rule packs under rules/ evaluate facts written like their scenarios
 * (rules/ITEM/tests/*.yaml), one application for each outcome each item can reach.
 */
final class Notices {

    static final Path OUTPUT = Path.of("src", "target", "notices");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static RulePacks packs;
    private static RenderNotice renderer;

    /** One application of the cases below: its item, the outcome its facts lead to, and the facts. */
    record Case(String name, String item, Decision.Outcome outcome, String applicant, String facts) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("registration-incomplete", "individual-business-registration", Decision.Outcome.INCOMPLETE, "陈明", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "340104197903055135", name: 陈明, hukouRegion: "340104", identityVerified: false }
                    form: { businessScope: [retail-general], premisesAddress: 上海市杨浦区国定路200号, agent: true }
                    materials: [ { code: operator-id, mediaType: text/plain } ]
                    """),
            new Case("registration-accepted", "individual-business-registration", Decision.Outcome.ACCEPTABLE, "陈明", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "340104197903055135", name: 陈明, hukouRegion: "340104", identityVerified: false }
                    form: { businessScope: [retail-general], premisesAddress: 上海市杨浦区国定路200号 }
                    materials: [ { code: operator-id, mediaType: application/pdf }, { code: premises-proof, mediaType: application/pdf } ]
                    options: { delivery: PICKUP }
                    """),
            new Case("registration-ineligible", "individual-business-registration", Decision.Outcome.INELIGIBLE, "李小明", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "310101201003011238", name: 李小明, hukouRegion: "310101", identityVerified: true }
                    form: { businessScope: [retail-general], premisesAddress: 上海市黄浦区南京东路1号 }
                    """),
            new Case("food-incomplete", "food-business-licence", Decision.Outcome.INCOMPLETE, "赵六", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "440304199111092273", name: 赵六, hukouRegion: "440304", identityVerified: false }
                    form: { foodCategories: [catering-hot], foodSafetyManager: true }
                    materials: [ { code: equipment-layout, mediaType: image/gif } ]
                    certificates: [ { type: business-licence, number: "92310104MA1N2B6T7B", holderId: "440304199111092273", status: VALID } ]
                    """),
            new Case("food-accepted", "food-business-licence", Decision.Outcome.ACCEPTABLE, "王五", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "310107198704231552", name: 王五, hukouRegion: "310107", identityVerified: true }
                    form: { foodCategories: [catering-hot], foodSafetyManager: true }
                    materials: [ { code: equipment-layout, mediaType: application/pdf }, { code: food-safety-rules, mediaType: application/pdf } ]
                    certificates: [ { type: business-licence, number: "92310107MA1M5X8P26", holderId: "310107198704231552", status: VALID } ]
                    options: { delivery: PICKUP }
                    """),
            new Case("food-ineligible", "food-business-licence", Decision.Outcome.INELIGIBLE, "王五", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "310107198704231552", name: 王五, hukouRegion: "310107", identityVerified: true }
                    form: { foodCategories: [catering-hot], foodSafetyManager: false }
                    certificates: [ { type: business-licence, number: "92310107MA1M5X8P26", holderId: "310107198704231552", status: VALID } ]
                    """),
            new Case("food-not-applicable", "food-business-licence", Decision.Outcome.NOT_APPLICABLE, "王五", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "310107198704231552", name: 王五, hukouRegion: "310107", identityVerified: true }
                    form: { foodCategories: [prepackaged], foodSafetyManager: true }
                    certificates: [ { type: business-licence, number: "92310107MA1M5X8P26", holderId: "310107198704231552", status: VALID } ]
                    """),
            new Case("residence-incomplete", "residence-permit", Decision.Outcome.INCOMPLETE, "刘洋", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "320102199408183167", name: 刘洋, hukouRegion: "320100", identityVerified: false }
                    form: { applicationType: RENEWAL, basis: EMPLOYMENT }
                    materials: [ { code: photo, mediaType: image/png } ]
                    records: { residenceRegistrationMonths: 8, socialInsuranceMonthsLast12: 7, photoOnFile: false }
                    """),
            new Case("residence-accepted", "residence-permit", Decision.Outcome.ACCEPTABLE, "刘洋", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "320102199408183167", name: 刘洋, hukouRegion: "320100", identityVerified: true }
                    form: { applicationType: FIRST, basis: EMPLOYMENT }
                    materials: [ { code: photo, mediaType: image/jpeg } ]
                    records: { residenceRegistrationMonths: 8, socialInsuranceMonthsLast12: 7, photoOnFile: false }
                    options: { delivery: PICKUP }
                    """),
            new Case("residence-ineligible", "residence-permit", Decision.Outcome.INELIGIBLE, "郑浩", """
                    asOf: 2026-11-27
                    applicant: { kind: PERSON, idNumber: "31010419960707188X", name: 郑浩, hukouRegion: "310104", identityVerified: true }
                    form: { applicationType: FIRST, basis: EMPLOYMENT }
                    records: { residenceRegistrationMonths: 3, socialInsuranceMonthsLast12: 12, photoOnFile: true }
                    """));

    private static final Map<String, Decision> DECISIONS = new LinkedHashMap<>();

    private Notices() {
    }

    static synchronized RulePacks packs() {
        if (packs == null) {
            packs = new RulePacks(Path.of("rules"), Clock.systemUTC(), CertificateFonts.printableIn(Path.of("templates")));
        }
        return packs;
    }

    static synchronized RenderNotice renderer() {
        if (renderer == null) {
            renderer = new RenderNotice(Samples.TEMPLATES);
        }
        return renderer;
    }

    static Case named(String name) {
        return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static synchronized Decision decision(Case c) {
        return DECISIONS.computeIfAbsent(c.name(), name -> packs().evaluate(c.item(), YAML.readTree(c.facts())));
    }

    static ServiceItem item(Case c) {
        return packs().item(c.item()).orElseThrow();
    }

    static NoticeData data(Case c, NoticeData.Language language) {
        return new NoticeData("n-" + c.name(), "app-" + c.name(), "TB20261127" + String.format("%04d", CASES.indexOf(c)),
                c.applicant(), item(c), decision(c), LocalDate.of(2026, 11, 28), null,
                URI.create("https://tongban.example.cn"), language);
    }

    static NoticeDocument render(Case c) {
        return renderer().render(data(c, NoticeData.Language.ZH));
    }
}
