package tongban.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.command.Command;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.command.CommandFactory;
import tongban.rules.Decision.Advice;
import tongban.rules.Decision.DecisionReason;
import tongban.rules.Decision.MaterialCheck;
import tongban.rules.Decision.MaterialStatus;
import tongban.rules.Decision.Outcome;
import tongban.rules.Decision.Step;
import tongban.rules.Decision.TraceEntry;
import tongban.rules.MaterialSpec.Means;
import tongban.rules.vocabulary.Effect;
import tongban.rules.vocabulary.Fee;
import tongban.rules.vocabulary.Reason;
import tongban.rules.vocabulary.Requirement;
import tongban.rules.vocabulary.Reuse;
import tongban.rules.vocabulary.Suggestion;
import tongban.rules.vocabulary.TimeLimit;
import tongban.rules.vocabulary.Upload;
import tongban.rules.vocabulary.Visit;

/** Runs one pack's rules on one set of facts in a stateless session and turns the findings into a decision. */
final class Evaluator {

    private static final String FINDINGS = "findings";

    private Evaluator() {
    }

    static Decision evaluate(CompiledPack pack, Facts facts) {
        List<Object> inserted = new ArrayList<>(List.of(facts.applicant(), facts.form(), facts.records(), facts.options(),
                pack.parameters().at(facts.asOf())));
        inserted.addAll(facts.materials());
        inserted.addAll(facts.certificates());

        Set<String> fired = new LinkedHashSet<>();
        StatelessKieSession session = pack.kieBase().newStatelessKieSession();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        });
        List<Command<?>> commands = new ArrayList<>(inserted.size() + 2);
        commands.add(CommandFactory.newInsertElements(inserted));
        commands.add(CommandFactory.newFireAllRules());
        commands.add(CommandFactory.newGetObjects(FINDINGS));
        ExecutionResults results = session.execute(CommandFactory.newBatchExecution(commands));
        Collection<?> findings = (Collection<?>) results.getValue(FINDINGS);
        return decide(pack, facts, findings, fired);
    }

    private static Decision decide(CompiledPack pack, Facts facts, Collection<?> findings, Set<String> fired) {
        ServiceItem item = pack.item();
        Comparator<String> byRuleOrder = Comparator.comparingInt(rule -> pack.rules().get(rule).order());

        Map<String, Reason> reasons = new LinkedHashMap<>();
        findings.stream().filter(Reason.class::isInstance).map(Reason.class::cast)
                .sorted(Comparator.comparing(Reason::effect).thenComparing(Reason::rule, byRuleOrder))
                .forEach(r -> reasons.putIfAbsent(r.code(), r));
        // an item that does not apply decides nothing else: no eligibility, no materials, no trips (spec/items.md,
        // corrections 2); what is only information is still told
        boolean applies = reasons.values().stream().noneMatch(r -> r.effect() == Effect.NOT_APPLICABLE);
        if (!applies) {
            reasons.values().removeIf(r -> r.effect() == Effect.INELIGIBLE);
        }

        Set<String> required = new LinkedHashSet<>();
        Set<String> reused = new LinkedHashSet<>();
        for (Object f : findings) {
            if (f instanceof Requirement r && applies) {
                required.add(r.material());
            } else if (f instanceof Reuse r) {
                reused.add(r.material());
            }
        }
        List<MaterialCheck> materials = item.materials().stream()
                .filter(m -> required.contains(m.code()))
                .map(m -> new MaterialCheck(m.code(), status(m, facts, reused.contains(m.code())), m.name()))
                .toList();

        List<Visit> visits = findings.stream().filter(Visit.class::isInstance).map(Visit.class::cast)
                .filter(v -> applies)
                .sorted(Comparator.comparing((Visit v) -> !v.ownTrip()).thenComparing(Visit::rule, byRuleOrder))
                .toList();
        Map<String, Integer> trips = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (Visit v : visits) {
            Integer trip = v.ownTrip() ? null : trips.get(v.joins());
            if (trip == null) {
                trip = (int) trips.values().stream().distinct().count() + 1;
            }
            trips.putIfAbsent(v.code(), trip);
            steps.add(new Step(v.code(), trip, v.stage(), v.message()));
        }
        int count = (int) steps.stream().mapToInt(Step::trip).distinct().count();
        List<Advice> suggestions = findings.stream().filter(Suggestion.class::isInstance).map(Suggestion.class::cast)
                .filter(v -> applies)
                .sorted(Comparator.comparing(Suggestion::rule, byRuleOrder))
                .map(s -> new Advice(s.code(), s.message())).distinct().toList();

        Money fee = findings.stream().filter(Fee.class::isInstance).map(Fee.class::cast)
                .map(Fee::amount).max(Comparator.naturalOrder())
                .map(amount -> new Money(amount, item.fee().currency())).orElse(item.fee());
        // a TimeLimit rule shortens the promised days; their kind and the legal maximum are the item's
        Decision.TimeLimit usual = item.timeLimit();
        int days = findings.stream().filter(TimeLimit.class::isInstance).map(TimeLimit.class::cast)
                .mapToInt(TimeLimit::days).min().orElse(usual.days());
        Decision.TimeLimit timeLimit = new Decision.TimeLimit(Math.min(days, usual.days()), usual.kind(),
                usual.legalMaximum());

        List<TraceEntry> trace = fired.stream().sorted(byRuleOrder)
                .map(pack.rules()::get).map(r -> new TraceEntry(r.name(), r.file(), r.basis())).toList();

        return new Decision(item.code(), pack.version(), facts.asOf(), outcome(reasons.values(), materials),
                reasons.values().stream().map(r -> new DecisionReason(r.code(), r.effect(), r.rule(), r.basis(), r.message())).toList(),
                materials, new Decision.Visits(count, steps, suggestions), count <= 1, fee, timeLimit, trace);
    }

    /** Reused data first, then an upload (accepted or not), then a commitment: the order of spec/items.md. */
    private static MaterialStatus status(MaterialSpec material, Facts facts, boolean reused) {
        if (material.satisfiedBy().contains(Means.FORM)) {
            return MaterialStatus.PROVIDED;
        }
        if (reused) {
            return MaterialStatus.REUSED;
        }
        if (material.satisfiedBy().contains(Means.UPLOAD)) {
            List<Upload> uploads = facts.materials().stream().filter(u -> u.code().equals(material.code())).toList();
            if (!uploads.isEmpty()) {
                return uploads.stream().allMatch(u -> !u.rejected() && material.accepts(u.mediaType()))
                        ? MaterialStatus.PROVIDED : MaterialStatus.REJECTED;
            }
        }
        if (material.satisfiedBy().contains(Means.COMMITMENT) && facts.options().commitment()) {
            return MaterialStatus.COMMITTED;
        }
        return MaterialStatus.MISSING;
    }

    private static Outcome outcome(Collection<Reason> reasons, List<MaterialCheck> materials) {
        if (reasons.stream().anyMatch(r -> r.effect() == Effect.INELIGIBLE)) {
            return Outcome.INELIGIBLE;
        }
        if (reasons.stream().anyMatch(r -> r.effect() == Effect.NOT_APPLICABLE)) {
            return Outcome.NOT_APPLICABLE;
        }
        if (materials.stream().anyMatch(m -> m.status() == MaterialStatus.MISSING || m.status() == MaterialStatus.REJECTED)) {
            return Outcome.INCOMPLETE;
        }
        return Outcome.ACCEPTABLE;
    }
}
