package tongban.documents;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tongban.rules.Decision.Outcome;
import tools.jackson.databind.JsonNode;

/**
 * A notice template's {@code notice.yaml}: which decisions it tells, its title and number prefix (each
 * either one text or one per outcome), and for the incomplete notice the time to resubmit. The README in
 * templates/ explains each key to policy staff.
 *
 * @param titles                    the title by outcome
 * @param numberPrefixes            the prefix of the notice's number (文号) by outcome
 * @param resubmitWithinWorkingDays working days to resubmit (INCOMPLETE only, else 0)
 */
record NoticeSpec(NoticeKind kind, Map<Outcome, String> titles, Map<Outcome, String> numberPrefixes,
                  int resubmitWithinWorkingDays) {

    static final String FILE = "notice.yaml";
    private static final Set<String> KEYS = Set.of("kind", "title", "numberPrefix", "resubmitWithinWorkingDays");

    static NoticeSpec read(Path folder) {
        Path file = folder.resolve(FILE);
        JsonNode root = TemplateSpec.yaml(file);
        if (root == null || !root.isObject()) {
            throw new InvalidTemplate(file + ": must be a mapping with " + KEYS);
        }
        for (String key : root.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw new InvalidTemplate(file + ": " + key + ": unknown key; known keys are " + KEYS);
            }
        }
        NoticeKind kind;
        try {
            kind = NoticeKind.valueOf(root.path("kind").asString(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidTemplate(file + ": kind: must be one of " + List.of(NoticeKind.values()), e);
        }
        List<Outcome> outcomes = List.of(Outcome.values()).stream().filter(o -> NoticeKind.of(o) == kind).toList();
        int resubmit = 0;
        if (kind == NoticeKind.INCOMPLETE) {
            JsonNode days = root.path("resubmitWithinWorkingDays");
            if (!days.isInt() || days.asInt() < 1) {
                throw new InvalidTemplate(file + ": resubmitWithinWorkingDays: must be a whole number of working days"
                        + " from 1, e.g. 5");
            }
            resubmit = days.asInt();
        } else if (root.has("resubmitWithinWorkingDays")) {
            throw new InvalidTemplate(file + ": resubmitWithinWorkingDays: only an INCOMPLETE notice has one");
        }
        return new NoticeSpec(kind, byOutcome(file, root, "title", outcomes),
                byOutcome(file, root, "numberPrefix", outcomes), resubmit);
    }

    // One text for every outcome of the kind, or a mapping that names each outcome once.
    private static Map<Outcome, String> byOutcome(Path file, JsonNode root, String key, List<Outcome> outcomes) {
        JsonNode node = root.path(key);
        Map<Outcome, String> texts = new EnumMap<>(Outcome.class);
        if (node.isString() && !node.asString().isBlank()) {
            outcomes.forEach(outcome -> texts.put(outcome, node.asString().strip()));
            return texts;
        }
        String expected = outcomes.stream().map(Outcome::name).collect(Collectors.joining(", "));
        if (!node.isObject() || !node.propertyNames().stream().sorted().toList()
                .equals(outcomes.stream().map(Outcome::name).sorted().toList())) {
            throw new InvalidTemplate(file + ": " + key + ": must be a text, or a mapping with one text for each of "
                    + expected);
        }
        for (Outcome outcome : outcomes) {
            String text = node.path(outcome.name()).asString("");
            if (text.isBlank()) {
                throw new InvalidTemplate(file + ": " + key + "." + outcome + ": must be a text");
            }
            texts.put(outcome, text.strip());
        }
        return texts;
    }
}
