package tongban.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tongban.rules.LoadedPack;
import tongban.rules.RulePacks;
import tongban.rules.ScenarioReport;
import tongban.rules.ScenarioResult;
import tongban.rules.ServiceGuide;
import tongban.rules.vocabulary.Text;

/**
 * The policy officer's workbench (政策制定者工作台): per pack its version, its scenarios with their coverage, and
 * statistics of real use. Statistics are counts only (anonymised: no name, ID number, login or application id).
 * Every read is audited.
 */
@Service
class PolicyWorkbench {

    /** A pack as the workbench lists it. */
    record PackSummary(String item, Text name, String version, Instant loadedAt, List<String> files) {

        /** When it was loaded, in Beijing time, to the minute. */
        public String loadedAtText() {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(loadedAt.atZone(Period.BEIJING));
        }
    }

    /**
     * One rule, how often it fired in the period and how many tickets named it ({@code serving} false: a rule of an
     * earlier version).
     */
    record RuleUse(String concern, String rule, String code, long fired, long tickets, boolean serving) {
    }

    /** Anonymised statistics of one item over a period. */
    record PackStats(String item, String packVersion, LocalDate from, LocalDate to, long applications,
                     Map<String, Long> outcomes, List<RuleUse> rules, List<DecisionRecords.MaterialCount> missingMaterials) {
    }

    /** A rule and whether any scenario made it fire. */
    record RuleCoverage(String concern, String rule, String code, boolean fired) {
    }

    /** A run of one pack's scenarios: counts, the failures, and which rules the scenarios fire. */
    record ScenarioRun(String item, String packVersion, long passed, long failed, List<ScenarioResult> failures,
                       List<RuleCoverage> rules) {

        public long rulesNeverFired() {
            return rules.stream().filter(r -> !r.fired()).count();
        }
    }

    private final RulePacks packs;
    private final DecisionRecords records;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PolicyWorkbench(RulePacks packs, DecisionRecords records, ApplicationEventPublisher events, Clock clock) {
        this.packs = packs;
        this.records = records;
        this.events = events;
        this.clock = clock;
    }

    List<PackSummary> packs(String actor) {
        events.publishEvent(new PolicyAction(actor, "RULE_PACKS_LISTED", "rule-packs", null));
        return packs.loaded().stream().map(this::summary).toList();
    }

    PackSummary pack(String actor, String item) {
        ServiceGuide guide = packs.guide(item);
        events.publishEvent(PolicyAction.on(actor, "RULE_PACK_VIEWED", item, Map.of("version", guide.packVersion())));
        return packs.loaded().stream().filter(p -> p.item().equals(item)).findFirst().map(this::summary).orElseThrow();
    }

    /** Counts of the item's applications in the period; {@code from}/{@code to} as the query gave them. */
    PackStats stats(String actor, String item, String from, String to) {
        ServiceGuide guide = packs.guide(item);
        Period period = Period.of(from, to, clock);
        Map<String, Long> outcomes = records.outcomes(item, period);
        Map<String, Long> fired = new java.util.HashMap<>();
        records.rulesFired(item, period).forEach(r -> fired.put(r.rule(), r.applications()));
        Map<String, Long> tickets = new java.util.HashMap<>();
        records.ticketsByRule(item, period).forEach(r -> tickets.put(r.rule(), r.applications()));
        List<RuleUse> rules = new ArrayList<>();
        Set<String> serving = new HashSet<>();
        for (ServiceGuide.GuideRule r : guide.rules()) {
            serving.add(r.rule());
            rules.add(new RuleUse(r.concern(), r.rule(), r.code(), fired.getOrDefault(r.rule(), 0L),
                    tickets.getOrDefault(r.rule(), 0L), true));
        }
        fired.forEach((rule, count) -> {
            if (!serving.contains(rule)) {
                rules.add(new RuleUse(null, rule, null, count, tickets.getOrDefault(rule, 0L), false));
            }
        });
        PackStats stats = new PackStats(item, guide.packVersion(), period.from(), period.to(),
                outcomes.values().stream().mapToLong(Long::longValue).sum(), outcomes, List.copyOf(rules),
                records.materialsMissing(item, period));
        events.publishEvent(PolicyAction.on(actor, "RULE_PACK_STATS_READ", item,
                Map.of("from", period.from().toString(), "to", period.to().toString())));
        return stats;
    }

    /** Runs the serving pack's scenarios and says which rules they fire and which none fires. */
    ScenarioRun scenarios(String actor, String item) {
        ServiceGuide guide = packs.guide(item);
        ScenarioReport report = packs.test(item);
        // a never-fired entry reads "<file>:<line>: <rule name>"; names are unique in a pack
        List<RuleCoverage> rules = guide.rules().stream().map(r -> new RuleCoverage(r.concern(), r.rule(), r.code(),
                report.rulesNeverFired().stream().noneMatch(n -> n.endsWith(": " + r.rule())))).toList();
        ScenarioRun run = new ScenarioRun(item, guide.packVersion(), report.passed(), report.failed(),
                report.scenarios().stream().filter(s -> !s.passed()).toList(), rules);
        events.publishEvent(PolicyAction.on(actor, "RULE_PACK_SCENARIOS_RUN", item, Map.of("version", guide.packVersion(),
                "passed", run.passed(), "failed", run.failed(), "rulesNeverFired", run.rulesNeverFired())));
        return run;
    }

    private PackSummary summary(LoadedPack p) {
        return new PackSummary(p.item(), packs.item(p.item()).orElseThrow().name(), p.version(), p.loadedAt(), p.files());
    }
}
