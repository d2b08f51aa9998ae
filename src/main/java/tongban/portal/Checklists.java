package tongban.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationJson;
import tongban.acceptance.SubmitApplication;
import tongban.identity.Subject;
import tongban.platform.ApiProblem;
import tongban.rules.Decision;
import tongban.rules.FieldSpec;
import tongban.rules.MaterialSpec;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live one-time list (一次性告知清单) beside the application form: the precheck of acceptance — the same facts
 * and engine as a submission — decides on the answers so far and the draft's accepted uploads, every time they
 * change. Until every required question is answered it lists those questions instead.
 */
@Component
class Checklists {

    private final SubmitApplication applications;
    private final PageTexts texts;

    Checklists(SubmitApplication applications, PageTexts texts) {
        this.applications = applications;
        this.texts = texts;
    }

    /** A material as the list shows it: its status in words, and for an uploadable one the last file's verdict. */
    record Row(String code, String name, String status, String statusText, String tag, boolean uploadable,
               String accepts, String types, Drafts.DraftFile file, String verdict) {
    }

    /** An answer the rules cannot read: its field and what is wrong, in words. */
    record Issue(String field, String message) {
    }

    /**
     * The list: {@code pending} questions still to answer, or the decision's {@code rows}, trips and advice;
     * {@code problems} an answer the rules cannot read.
     */
    record Checklist(List<String> pending, List<Issue> problems, Decision decision, List<Row> rows, String outcome,
                     String outcomeTag, String trips, String tripsTag, List<String> steps, List<String> suggestions,
                     List<String> reasons) {

        public boolean decided() {
            return decision != null;
        }

        /** The rows one may upload a file for (not those the platform holds). */
        public List<Row> uploads() {
            return rows.stream().filter(r -> r.uploadable() && !r.status().equals("REUSED")).toList();
        }
    }

    Checklist of(Subject subject, ServiceItem item, Answers answers, List<Drafts.DraftFile> files, Lang lang) {
        List<String> pending = item.form().values().stream()
                .filter(f -> f.required() && f.type() != FieldSpec.Type.FLAG && answers.values(f.name()).isEmpty())
                .map(f -> PageTexts.of(f.label(), lang)).toList();
        Answers.Form form = answers.form(item, false);
        List<Issue> problems = form.problems().stream()
                .map(p -> new Issue(p.field(), texts.message(lang, p.key(), withLabel(item, p, lang)))).toList();
        if (!pending.isEmpty() || !problems.isEmpty()) {
            return new Checklist(pending, problems, null, List.of(), null, null, null, null, List.of(), List.of(), List.of());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("item", item.code());
        body.set("form", form.json());
        body.set("options", answers.options());
        var materials = body.putArray("materials");
        files.stream().filter(Drafts.DraftFile::accepted)
                .forEach(f -> materials.addObject().put("code", f.material()).put("mediaType", f.detectedType()));
        Decision decision;
        try {
            decision = applications.precheck(ApplicationJson.precheck(subject, body));
        } catch (ApiProblem e) {
            return refused(item, e.field(), e.getMessage(), lang);
        } catch (SubmitApplication.Refused e) {
            return refused(item, e.field(), e.getMessage(), lang);
        }
        Map<String, Drafts.DraftFile> byMaterial = files.stream()
                .collect(Collectors.toMap(Drafts.DraftFile::material, Function.identity()));
        List<Row> rows = decision.materials().stream().map(m -> row(item, m, byMaterial.get(m.code()), lang)).toList();
        int count = decision.visits().count();
        String trips = texts.message(lang, count == 0 ? "portal.trips.zero" : count == 1 ? "portal.trips.one"
                : "portal.trips.more", count);
        return new Checklist(List.of(), List.of(), decision, rows,
                texts.message(lang, "portal.outcome." + decision.outcome()), outcomeTag(decision.outcome()), trips,
                count <= 1 ? "ok" : "warn",
                decision.visits().steps().stream().map(s -> PageTexts.of(s.message(), lang)).toList(),
                decision.visits().suggestions().stream().map(s -> PageTexts.of(s.message(), lang)).toList(),
                decision.reasons().stream().map(r -> PageTexts.of(r.message(), lang)).toList());
    }

    static String outcomeTag(Decision.Outcome outcome) {
        return switch (outcome) {
            case ACCEPTABLE -> "ok";
            case INCOMPLETE -> "warn";
            case INELIGIBLE, NOT_APPLICABLE -> "bad";
        };
    }

    private Row row(ServiceItem item, Decision.MaterialCheck check, Drafts.DraftFile file, Lang lang) {
        MaterialSpec spec = item.material(check.code()).orElse(null);
        boolean uploadable = spec != null && spec.satisfiedBy().contains(MaterialSpec.Means.UPLOAD);
        String status = check.status().name();
        String tag = switch (check.status()) {
            case REUSED, PROVIDED -> "ok";
            case COMMITTED -> "";
            case MISSING, REJECTED -> "bad";
        };
        String verdict = file == null ? null : file.accepted()
                ? texts.message(lang, "portal.upload.accepted", file.fileName())
                : texts.message(lang, "portal.upload.rejected", file.fileName(),
                        texts.message(lang, "portal.rejection." + file.rejectionCode()));
        return new Row(check.code(), PageTexts.of(check.name(), lang), status,
                texts.message(lang, "portal.status." + status), tag, uploadable,
                spec == null ? "" : String.join(",", spec.accepts()), spec == null ? "" : GuidePage.types(spec), file,
                verdict);
    }

    /** An answer the rules refused (e.g. a character no certificate can print), named by its field's label. */
    private Checklist refused(ServiceItem item, String field, String detail, Lang lang) {
        String problem = texts.message(lang, "portal.error.invalid", label(item, field, lang), detail);
        return new Checklist(List.of(), List.of(new Issue(fieldOf(field), problem)), null, List.of(), null, null, null, null, List.of(), List.of(),
                List.of());
    }

    private static List<String> withLabel(ServiceItem item, Answers.Problem problem, Lang lang) {
        List<String> arguments = new ArrayList<>();
        arguments.add(PageTexts.of(item.form().get(problem.field()).label(), lang));
        arguments.addAll(problem.arguments());
        return arguments;
    }

    /** The label of the form field a JSON path such as {@code $.form.businessScope[1]} names, else the path. */
    static String label(ServiceItem item, String path, Lang lang) {
        String name = fieldOf(path);
        FieldSpec spec = name == null ? null : item.form().get(name);
        return spec == null ? String.valueOf(path) : PageTexts.of(spec.label(), lang);
    }

    static String fieldOf(String path) {
        if (path == null || !path.startsWith("$.form.")) {
            return null;
        }
        return path.substring("$.form.".length()).replaceAll("[\\[.].*$", "");
    }
}
