package tongban.tickets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import tongban.acceptance.ApplicationStatus;
import tongban.acceptance.ApplicationView;
import tongban.rules.Decision;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Text;

/**
 * An application's decision in plain words (通俗解释), for the 12345 agent to read out: where it stands, each reason
 * with the rule that found it and its legal basis (the packs' {@code @basis}), the notice it was decided under (the
 * item's notices), and what the applicant can do next. The words are the pages' messages ({@code agent.explain.*}),
 * in both languages; the facts come from the decision and the item, never from a material's content.
 */
public record Explanation(Text status, List<Because> reasons, List<Applied> applied, Text notice, Text next) {

    /** A reason that holds: the rule that found it, its basis, its effect and its words. */
    public record Because(String rule, String basis, String effect, Text message) {
    }

    /** A rule that fired, with its basis. */
    public record Applied(String rule, String basis) {
    }

    public static Explanation of(ApplicationView application, Optional<ServiceItem> item, MessageSource messages) {
        Decision decision = application.decision();
        ApplicationStatus status = application.status();
        Text itemName = item.map(ServiceItem::name).orElse(new Text(application.item(), application.item()));
        List<Because> reasons = decision == null ? List.of() : decision.reasons().stream()
                .map(r -> new Because(r.rule(), r.basis(), r.effect().name(), r.message())).toList();
        List<Applied> applied = decision == null ? List.of() : decision.trace().stream()
                .map(t -> new Applied(t.rule(), t.basis())).toList();
        Text notice = item.flatMap(i -> noticeArgs(i, status)).map(args ->
                text(messages, "agent.explain.notice." + status.name(), l -> args)).orElse(null);
        Text next = text(messages, "agent.explain.next." + status.name(), l -> new Object[] {
                missing(decision, l), steps(decision, l), decision == null ? "" : decision.timeLimit().days()});
        Text said = text(messages, "agent.explain.status." + status.name(), l -> new Object[] {
                l == Locale.ENGLISH ? itemName.en() : itemName.zh()});
        return new Explanation(said, reasons, applied, notice, next);
    }

    /** The notice's title, decision and basis for the statuses that have one. */
    private static Optional<Object[]> noticeArgs(ServiceItem item, ApplicationStatus status) {
        ServiceItem.Notices n = item.notices();
        return Optional.ofNullable(switch (status) {
            case INCOMPLETE -> new Object[] {"", "", n.incomplete()};
            case ACCEPTED -> new Object[] {"", "", n.accepted()};
            case INELIGIBLE -> new Object[] {n.ineligible().title(), n.ineligible().decision(), n.ineligible().basis()};
            case NOT_APPLICABLE -> new Object[] {n.notApplicable().title(), n.notApplicable().decision(),
                    n.notApplicable().basis()};
            default -> null;
        });
    }

    private static String missing(Decision decision, Locale locale) {
        if (decision == null) {
            return "";
        }
        return join(decision.materials().stream().filter(m -> m.status() == Decision.MaterialStatus.MISSING
                || m.status() == Decision.MaterialStatus.REJECTED).map(m -> in(m.name(), locale)).toList(), locale);
    }

    private static String steps(Decision decision, Locale locale) {
        if (decision == null) {
            return "";
        }
        return join(decision.visits().steps().stream().map(s -> in(s.message(), locale)).toList(), locale);
    }

    private static String join(List<String> parts, Locale locale) {
        return String.join(locale == Locale.ENGLISH ? "; " : "；", parts);
    }

    private static String in(Text text, Locale locale) {
        return locale == Locale.ENGLISH ? text.en() : text.zh();
    }

    private static Text text(MessageSource messages, String key, Function<Locale, Object[]> args) {
        return new Text(messages.getMessage(key, args.apply(Locale.SIMPLIFIED_CHINESE), key, Locale.SIMPLIFIED_CHINESE),
                messages.getMessage(key, args.apply(Locale.ENGLISH), key, Locale.ENGLISH));
    }
}
