package tongban.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tongban.acceptance.ApplicationJson;
import tongban.acceptance.ApplicationView;
import tongban.acceptance.HeldCertificates;
import tongban.acceptance.PostalAddress;
import tongban.acceptance.ReceivedUpload;
import tongban.acceptance.SubmitApplication;
import tongban.identity.DataSharing;
import tongban.identity.ResidentIdNumber;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.identity.SubjectKind;
import tongban.materials.InspectedMaterial;
import tongban.materials.MaterialsInspector;
import tongban.materials.ReceivedFile;
import tongban.platform.ApiProblem;
import tongban.rules.FieldSpec;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tongban.web.PageController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applying on the portal (网上申请): the form made from the item's {@code item.yaml}, beside it the live one-time
 * list; an upload per material with the inspector's verdict at once; "check your answers"; and the submission, the
 * API's own ({@link SubmitApplication#submit}) under the draft's idempotency key, so a double click or a reload
 * submits once. With JavaScript, htmx posts every change and swaps the list in; without it, the buttons do the same
 * with a full page.
 */
@PageController
class ApplyPages {

    /** The header naming the draft's revision a live list was made at (see {@code /site/live.js}). */
    static final String REVISION = "X-Draft-Revision";

    private final RulePacks packs;
    private final DataSharing sharing;
    private final SubmitApplication applications;
    private final MaterialsInspector inspector;
    private final Drafts drafts;
    private final Checklists checklists;
    private final PageTexts texts;
    private final HeldCertificates certificates;

    ApplyPages(RulePacks packs, DataSharing sharing, SubmitApplication applications, MaterialsInspector inspector,
               Drafts drafts, Checklists checklists, PageTexts texts, HeldCertificates certificates) {
        this.packs = packs;
        this.sharing = sharing;
        this.applications = applications;
        this.inspector = inspector;
        this.drafts = drafts;
        this.checklists = checklists;
        this.texts = texts;
        this.certificates = certificates;
    }

    /** Starts (or resumes) the login's draft of the item and goes to it. */
    @GetMapping("/apply/{item}")
    String start(@PathVariable String item, Principal login, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        if (packs.item(item).isEmpty()) {
            return NotFound.page(response);
        }
        Drafts.Draft draft = drafts.open(login.getName(), item);
        return "redirect:/apply/" + item + "/" + draft.id() + PageTexts.lang(request).query();
    }

    @GetMapping("/apply/{item}/{draft}")
    String form(@PathVariable String item, @PathVariable String draft, Principal login, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        return onDraft(item, draft, login, request, response,
                (c, lang) -> page(c, c.draft().answers(), Map.of(), lang, model));
    }

    /**
     * The answers posted: kept in the draft; to htmx the list again; without JavaScript the page again, or with
     * {@code action=review} the answers checked and, when complete, "check your answers".
     */
    @PostMapping("/apply/{item}/{draft}")
    String answers(@PathVariable String item, @PathVariable String draft, @RequestParam(defaultValue = "update") String action,
                   @RequestHeader(name = "HX-Request", required = false) String htmx, Principal login,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        Lang lang = PageTexts.lang(request);
        Context c = context(item, draft, login);
        if (c == null || c.draft().submitted()) {
            return NotFound.page(response);
        }
        Answers answers = Answers.of(c.item(), request.getParameterMap());
        long revision = drafts.saveAnswers(c.draft().id(), answers);
        if (htmx != null) {
            response.setHeader(REVISION, Long.toString(revision));
            return live(c, answers, lang, model);
        }
        if (action.equals("review")) {
            Map<String, String> errors = errors(c, answers, lang);
            if (!errors.isEmpty()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return page(c, answers, errors, lang, model);
            }
            return "redirect:/apply/" + item + "/" + draft + "/review" + lang.query();
        }
        return "redirect:/apply/" + item + "/" + draft + lang.query() + "#checklist";
    }

    /**
     * One material's file: inspected at once (no database connection held meanwhile), then kept in the draft with
     * the verdict; a rejected file's verdict is kept, its bytes are not.
     */
    @PostMapping("/apply/{item}/{draft}/files/{material}")
    String upload(@PathVariable String item, @PathVariable String draft, @PathVariable String material,
                  @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestHeader(name = "HX-Request", required = false) String htmx, Principal login,
                  HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Lang lang = PageTexts.lang(request);
        Context c = context(item, draft, login);
        MaterialSpec spec = c == null ? null : c.item().material(material)
                .filter(m -> m.satisfiedBy().contains(MaterialSpec.Means.UPLOAD)).orElse(null);
        if (spec == null || c.draft().submitted()) {
            return NotFound.page(response);
        }
        Answers answers = c.draft().answers();
        if (file != null && !file.isEmpty()) {
            String name = file.getOriginalFilename() == null ? "file" : file.getOriginalFilename();
            InspectedMaterial inspected = inspector.inspect(new ReceivedFile(material, name, file.getContentType(),
                    file.getBytes()), spec);
            long revision = drafts.saveFile(c.draft().id(), new Drafts.DraftFile(material, name, file.getContentType(),
                    inspected.detectedType(), inspected.size(), inspected.accepted(),
                    inspected.code() == null ? null : inspected.code().name(), file.getBytes()));
            response.setHeader(REVISION, Long.toString(revision));
            // the answers as they are now, not as this request found them: they may have changed meanwhile
            answers = drafts.find(c.draft().id(), login.getName()).map(Drafts.Draft::answers).orElse(answers);
        }
        if (htmx != null) {
            return live(c, answers, lang, model);
        }
        return "redirect:/apply/" + item + "/" + draft + lang.query() + "#upload-" + material;
    }

    /** Check your answers (GOV.UK pattern): every answer with a link to change it, the list, then submit. */
    @GetMapping("/apply/{item}/{draft}/review")
    String review(@PathVariable String item, @PathVariable String draft, Principal login, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        return onDraft(item, draft, login, request, response, (c, lang) -> {
            Answers answers = c.draft().answers();
            Map<String, String> errors = errors(c, answers, lang);
            if (!errors.isEmpty()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return page(c, answers, errors, lang, model);
            }
            return reviewPage(c, lang, model, null);
        });
    }

    /**
     * Submits the draft under the key its form carries (made when the draft was): the same request again — a double
     * click, a reload, a retry after a failure — is the same application.
     */
    @PostMapping("/apply/{item}/{draft}/submit")
    String submit(@PathVariable String item, @PathVariable String draft, @RequestParam(defaultValue = "") String key,
                  Principal login, HttpServletRequest request, HttpServletResponse response, Model model) {
        Lang lang = PageTexts.lang(request);
        Context c = context(item, draft, login);
        String elsewhere = elsewhere(c, lang, response);
        if (elsewhere != null) {
            return elsewhere;
        }
        if (!key.equals(c.draft().idempotencyKey())) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return reviewPage(c, lang, model, texts.message(lang, "portal.submit.staleKey"));
        }
        Answers.Form form = c.draft().answers().form(c.item(), true);
        ObjectNode application = JsonNodeFactory.instance.objectNode().put("item", item);
        application.set("form", form.json());
        application.set("options", c.draft().answers().options());
        if (c.draft().answers().postalJson() != null) {
            application.set("postal", c.draft().answers().postalJson());
        }
        List<ReceivedUpload> uploads = drafts.files(c.draft().id(), true).stream().filter(Drafts.DraftFile::accepted)
                .map(f -> new ReceivedUpload(f.material(), f.fileName(), f.declaredType(), f.bytes())).toList();
        try {
            ApplicationView view = applications.submit(new SubmitApplication.SubmitCommand(c.subject(),
                    c.draft().idempotencyKey(), ApplicationJson.application(application), uploads));
            drafts.markSubmitted(c.draft().id(), view.id());
            return "redirect:/apply/applications/" + view.id() + lang.query();
        } catch (SubmitApplication.RequestInProgress e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return reviewPage(c, lang, model, texts.message(lang, "portal.submit.inProgress"));
        } catch (SubmitApplication.InspectionBusy | SubmitApplication.IssuingFailed e) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return reviewPage(c, lang, model, texts.message(lang, "portal.submit.tryAgain"));
        } catch (SubmitApplication.Refused e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            String part = postalPart(e);
            if (part != null) {
                return page(c, c.draft().answers(), Map.of(POSTAL_ID + part,
                        texts.message(lang, "portal.postal.error." + part)), lang, model);
            }
            return reviewPage(c, lang, model, texts.message(lang, "portal.submit.refused", e.getMessage()));
        } catch (ApiProblem e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return reviewPage(c, lang, model, texts.message(lang, "portal.submit.refused", e.getMessage()));
        }
    }

    /** A page of the login's draft being written; "not found", or once submitted its result, otherwise. */
    private String onDraft(String item, String draft, Principal login, HttpServletRequest request,
                           HttpServletResponse response, BiFunction<Context, Lang, String> page) {
        Lang lang = PageTexts.lang(request);
        Context c = context(item, draft, login);
        String elsewhere = elsewhere(c, lang, response);
        return elsewhere != null ? elsewhere : page.apply(c, lang);
    }

    /** The draft, its item and the login's subject; null when any is not the login's or does not exist. */
    private Context context(String item, String draftId, Principal login) {
        ServiceItem spec = packs.item(item).orElse(null);
        Subject subject = sharing.subjectOf(login.getName()).orElse(null);
        UUID id = uuid(draftId);
        if (spec == null || subject == null || id == null) {
            return null;
        }
        return drafts.find(id, login.getName()).filter(d -> d.item().equals(item))
                .map(d -> new Context(spec, d, subject)).orElse(null);
    }

    record Context(ServiceItem item, Drafts.Draft draft, Subject subject) {
    }

    /** Where a request for a draft goes instead: "not found", or once submitted its result; null to go on. */
    private static String elsewhere(Context c, Lang lang, HttpServletResponse response) {
        if (c == null) {
            return NotFound.page(response);
        }
        return c.draft().submitted() ? "redirect:/apply/applications/" + c.draft().applicationId() + lang.query() : null;
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Every problem of the answers by field (GOV.UK: all at once, each beside its field and in the summary). */
    private Map<String, String> errors(Context c, Answers answers, Lang lang) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Answers.Problem p : answers.form(c.item(), true).problems()) {
            List<String> arguments = new ArrayList<>();
            arguments.add(PageTexts.of(c.item().form().get(p.field()).label(), lang));
            arguments.addAll(p.arguments());
            errors.putIfAbsent(p.field(), texts.message(lang, p.key(), arguments));
        }
        if (errors.isEmpty()) {
            // what only the rules can tell (e.g. a character no certificate prints) comes from the checklist
            Checklists.Checklist list = checklist(c, answers, lang);
            if (!list.decided()) {
                for (Checklists.Issue problem : list.problems()) {
                    errors.put(problem.field() == null ? firstField(c.item()) : problem.field(), problem.message());
                }
            }
        }
        postalErrors(answers, lang).forEach(errors::putIfAbsent);
        return errors;
    }

    /** The page's id (after {@code f-}) of a postal address part: apart from the form's own fields' names. */
    private static final String POSTAL_ID = "postal-";

    /** What is wrong with the postal address, when delivery POST asks for one: the API's own checks. */
    private Map<String, String> postalErrors(Answers answers, Lang lang) {
        if (!answers.delivery().equals("POST")) {
            return Map.of();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        for (String part : PostalAddress.faults(answers.postal("recipient"), answers.postal("phone"),
                answers.postal("address"))) {
            errors.put(POSTAL_ID + part, texts.message(lang, "portal.postal.error." + part));
        }
        return errors;
    }

    /** The postal address part a refusal names ({@code $.postal.phone}), or null when it names none. */
    private static String postalPart(SubmitApplication.Refused e) {
        String prefix = "$.postal.";
        return e.reason() == SubmitApplication.Refused.Reason.INVALID_POSTAL_ADDRESS && e.field() != null
                && e.field().startsWith(prefix) ? e.field().substring(prefix.length()) : null;
    }

    private static String firstField(ServiceItem item) {
        return item.form().keySet().iterator().next();
    }

    private Checklists.Checklist checklist(Context c, Answers answers, Lang lang) {
        return checklists.of(c.subject(), c.item(), answers, drafts.files(c.draft().id(), false), lang);
    }

    private String page(Context c, Answers answers, Map<String, String> errors, Lang lang, Model model) {
        model.addAttribute("item", c.item());
        model.addAttribute("itemName", PageTexts.of(c.item().name(), lang));
        model.addAttribute("draft", c.draft());
        model.addAttribute("fields", c.item().form().values().stream()
                .map(f -> FieldView.of(f, answers, errors.get(f.name()), lang, heldChoices(c, f))).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("answers", answers);
        model.addAttribute("deliveries", Answers.DELIVERIES);
        model.addAttribute("postalParts", Answers.POSTAL_PARTS);
        model.addAttribute("commitmentOffered", c.item().materials().stream()
                .anyMatch(m -> m.satisfiedBy().contains(MaterialSpec.Means.COMMITMENT)));
        model.addAttribute("held", held(c, lang));
        model.addAttribute("list", checklist(c, answers, lang));
        model.addAttribute("base", "/apply/" + c.item().code() + "/" + c.draft().id());
        return "portal/apply";
    }

    private String live(Context c, Answers answers, Lang lang, Model model) {
        model.addAttribute("item", c.item());
        model.addAttribute("draft", c.draft());
        model.addAttribute("list", checklist(c, answers, lang));
        model.addAttribute("base", "/apply/" + c.item().code() + "/" + c.draft().id());
        return "portal/live";
    }

    private String reviewPage(Context c, Lang lang, Model model, String error) {
        Answers answers = c.draft().answers();
        List<String[]> rows = new ArrayList<>();
        for (FieldSpec spec : c.item().form().values()) {
            FieldView view = FieldView.of(spec, answers, null, lang, heldChoices(c, spec));
            String shown = switch (view.kind()) {
                case FLAG -> texts.message(lang, view.checked() ? "portal.yes" : "portal.no");
                case RADIOS, SELECT, SEARCH, CHECKBOXES, SEARCH_LIST -> String.join("、",
                        view.selected().stream().map(FieldView.Option::label).toList());
                default -> view.value();
            };
            rows.add(new String[] {view.label(), shown, view.id()});
        }
        model.addAttribute("item", c.item());
        model.addAttribute("itemName", PageTexts.of(c.item().name(), lang));
        model.addAttribute("draft", c.draft());
        model.addAttribute("rows", rows);
        model.addAttribute("postalParts", Answers.POSTAL_PARTS);
        model.addAttribute("answers", answers);
        model.addAttribute("list", checklist(c, answers, lang));
        model.addAttribute("submitError", error);
        model.addAttribute("base", "/apply/" + c.item().code() + "/" + c.draft().id());
        return "portal/review";
    }

    /** What the platform holds about the applicant for this item, shown instead of being asked (数据跑). */
    /** The applicant's valid certificates a {@code certificate} field may name; none for other fields. */
    private List<HeldCertificates.Choice> heldChoices(Context c, FieldSpec field) {
        return field.type() == FieldSpec.Type.CERTIFICATE ? certificates.choices(c.subject().id(), field.of()) : List.of();
    }

    private List<String[]> held(Context c, Lang lang) {
        SharedData shared = sharing.read(c.subject(), c.item().code(), c.subject().username());
        List<String[]> held = new ArrayList<>();
        boolean person = c.subject().kind() == SubjectKind.PERSON;
        held.add(new String[] {texts.message(lang, person ? "portal.held.name" : "portal.held.organisation"),
                shared.name()});
        held.add(new String[] {texts.message(lang, person ? "portal.held.idNumber" : "portal.held.uscc"),
                person ? ResidentIdNumber.mask(c.subject().id()) : c.subject().id()});
        if (person) {
            held.add(new String[] {texts.message(lang, "portal.held.verified"),
                    texts.message(lang, shared.identityVerified() ? "portal.yes" : "portal.no")});
        }
        shared.records().forEach((name, value) -> {
            FieldSpec record = c.item().records().get(name);
            if (record != null) {
                String shown = value instanceof Boolean b ? texts.message(lang, b ? "portal.yes" : "portal.no")
                        : String.valueOf(value);
                held.add(new String[] {PageTexts.of(record.label(), lang), shown});
            }
        });
        return held;
    }
}
