package tongban.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.rules.CandidatePack;
import tongban.rules.PackError;
import tongban.rules.RulePacks;
import tongban.rules.ScenarioReport;
import tongban.rules.ScenarioResult;
import tools.jackson.databind.JsonNode;

/**
 * Impact preview before publishing (发布前影响预评估): a changed pack is compiled aside and its scenarios run, then the
 * facts of the item's recent real decisions are decided again with it, and every decision that would change is listed
 * with the parts that differ. The packs that serve are never touched. A case is shown by its number in the sample and
 * its day, never by its application id or anything of the applicant.
 */
@Service
class ImpactPreview {

    static final int DEFAULT_CASES = 100;
    static final int MAX_CASES = 1000;

    /** Preview {@code zip} as a candidate for {@code item}, on the newest {@code last} cases of the period. */
    record Command(String actor, String item, byte[] zip, String last, String from, String to) {
    }

    /**
     * The candidate: its content hash ({@code version}, what a publish of the same files would store), the version
     * serving now, and whether it may be published (it compiled and every scenario passed).
     */
    record Candidate(String version, String servingVersion, boolean publishable, List<String> files) {
    }

    /** The candidate's own scenarios: counts, the failures, the rules none fires. */
    record Scenarios(long passed, long failed, List<ScenarioResult> failures, List<String> rulesNeverFired) {
    }

    /** Which cases were decided again: the period, how many were asked for and found, how many would change. */
    record Sample(LocalDate from, LocalDate to, int last, int compared, int changed) {
    }

    /** One part of a decision that would change: {@code outcome}, {@code reasons}, {@code missingMaterials}, … */
    record Difference(String aspect, Object before, Object after) {

        public String beforeText() {
            return text(before);
        }

        public String afterText() {
            return text(after);
        }

        /** As the page shows a value: a list joined by commas, nothing as a dash. */
        private static String text(Object value) {
            if (value instanceof List<?> list) {
                return list.isEmpty() ? "—" : String.join(", ", list.stream().map(String::valueOf).toList());
            }
            return value == null ? "—" : value.toString();
        }
    }

    /** A case whose decision would change: its number in the sample (1 = newest), its day, what differs. */
    record Change(int caseNumber, LocalDate decidedOn, List<Difference> differences) {
    }

    record Preview(String item, Candidate candidate, Scenarios scenarios, Sample sample, List<Change> changes) {
    }

    private final RulePacks packs;
    private final DecisionRecords records;
    private final PublishableCandidates candidates;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Semaphore slots;

    ImpactPreview(RulePacks packs, DecisionRecords records, PublishableCandidates candidates,
                  ApplicationEventPublisher events, Clock clock,
                  @Value("${tongban.policy.preview.concurrency:2}") int concurrency) {
        this.packs = packs;
        this.records = records;
        this.candidates = candidates;
        this.events = events;
        this.clock = clock;
        this.slots = new Semaphore(Math.max(1, concurrency));
    }

    /**
     * The preview; a zip that cannot be a pack is a 4xx {@code PACK_ZIP_*} problem, a candidate that does not compile
     * 422 {@code RULE_PACK_INVALID} listing every error as {@code file:line:column: message}.
     */
    Preview preview(Command command) {
        String servingVersion = packs.guide(command.item()).packVersion();
        int last = last(command.last());
        Period period = Period.of(command.from(), command.to(), clock);
        PackZip.Files files = PackZip.read(command.zip());
        if (!slots.tryAcquire()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "PREVIEW_BUSY",
                    "other previews are being compiled; try again shortly").retryAfter(Duration.ofSeconds(5));
        }
        try (CandidatePack candidate = packs.candidate(command.item(), files.files(), files.scenarios())) {
            if (!candidate.errors().isEmpty()) {
                audit(command, candidate.version(), Map.of("compiled", false, "errors", candidate.errors().size()));
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "RULE_PACK_INVALID",
                        "the candidate pack has errors; nothing was compared", null,
                        candidate.errors().stream().map(PackError::toString).toList());
            }
            ScenarioReport report = candidate.scenarios().orElseThrow();
            List<DecisionRecords.Case> cases = records.recent(command.item(), period, last);
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                List<Difference> differences = compare(candidate, cases.get(i));
                if (!differences.isEmpty()) {
                    changes.add(new Change(i + 1, LocalDate.ofInstant(cases.get(i).decidedAt(), Period.BEIJING), differences));
                }
            }
            List<String> names = new ArrayList<>(files.files().keySet());
            files.scenarios().keySet().forEach(s -> names.add("tests/" + s));
            Preview preview = new Preview(command.item(),
                    new Candidate(candidate.version(), servingVersion, report.failed() == 0, List.copyOf(names)),
                    new Scenarios(report.passed(), report.failed(),
                            report.scenarios().stream().filter(s -> !s.passed()).toList(), report.rulesNeverFired()),
                    new Sample(period.from(), period.to(), last, cases.size(), changes.size()), List.copyOf(changes));
            if (report.failed() == 0) {
                candidates.keep(command.item(), candidate.version(), command.zip(), command.actor());
            }
            audit(command, candidate.version(), Map.of("compiled", true, "scenariosFailed", report.failed(),
                    "compared", cases.size(), "changed", changes.size(), "from", period.from().toString(),
                    "to", period.to().toString()));
            return preview;
        } finally {
            slots.release();
        }
    }

    private void audit(Command command, String version, Map<String, Object> detail) {
        Map<String, Object> all = new LinkedHashMap<>(detail);
        all.put("candidateVersion", version);
        events.publishEvent(PolicyAction.on(command.actor(), "RULE_PACK_PREVIEWED", command.item(), all));
    }

    /** The parts of the stored decision the candidate would decide otherwise; empty if none. */
    private static List<Difference> compare(CandidatePack candidate, DecisionRecords.Case c) {
        Map<String, Object> before = summary(Json.read(c.decision()));
        Map<String, Object> after;
        try {
            after = summary(Json.MAPPER.valueToTree(candidate.evaluate(Json.read(c.facts()))));
        } catch (ApiProblem refused) {
            // the candidate's item.yaml no longer admits these facts (e.g. a field was removed); the field, not its value
            return List.of(new Difference("outcome", before.get("outcome"), "FACTS_REFUSED"),
                    new Difference("refusedField", null, refused.field()));
        } catch (RuntimeException failed) {
            return List.of(new Difference("outcome", before.get("outcome"), "EVALUATION_FAILED"));
        }
        List<Difference> differences = new ArrayList<>();
        before.forEach((aspect, value) -> {
            if (!Objects.equals(value, after.get(aspect))) {
                differences.add(new Difference(aspect, value, after.get(aspect)));
            }
        });
        return differences;
    }

    /** What a decision says that the preview compares: no personal data, only codes, amounts and counts. */
    static Map<String, Object> summary(JsonNode decision) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("outcome", decision.path("outcome").asString());
        TreeSet<String> reasons = new TreeSet<>();
        decision.path("reasons").forEach(r -> reasons.add(r.path("code").asString()));
        s.put("reasons", List.copyOf(reasons));
        TreeSet<String> missing = new TreeSet<>();
        decision.path("materials").forEach(m -> {
            String status = m.path("status").asString();
            if (status.equals("MISSING") || status.equals("REJECTED")) {
                missing.add(m.path("code").asString());
            }
        });
        s.put("missingMaterials", List.copyOf(missing));
        JsonNode amount = decision.path("fee").path("amount");
        s.put("fee", amount.isNumber() ? amount.decimalValue().stripTrailingZeros().toPlainString() : amount.asString());
        s.put("trips", decision.path("visits").path("count").asInt());
        s.put("timeLimitDays", decision.path("timeLimit").path("days").asInt());
        return s;
    }

    private static int last(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_CASES;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_CASES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_LIMIT",
                "'last' must be a whole number from 1 to " + MAX_CASES, "last", List.of());
    }
}
