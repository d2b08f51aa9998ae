package tongban.acceptance;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tongban.archive.Archive;
import tongban.archive.ECertificate;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.platform.Reason;
import tongban.rules.FieldSpec;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tongban.web.PageController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The window officer's workbench pages (窗口工作台): the district's queue with its figures, an application with the
 * check, completion and revocation forms, and the window submission form for a walk-in. Each form posts, and its
 * answer redirects (PRG) or shows the page again with GOV.UK's error summary; no script is needed.
 */
@PageController
class OfficerPages {

    private static final int PAGE_SIZE = 20;

    private final WindowOfficer officers;
    private final Revocations revocations;
    private final RulePacks packs;
    private final Archive archive;

    OfficerPages(WindowOfficer officers, Revocations revocations, RulePacks packs, Archive archive) {
        this.officers = officers;
        this.revocations = revocations;
        this.packs = packs;
        this.archive = archive;
    }

    /** A problem shown on a page: its code, its text, and the id of the field it is about. */
    record PageError(String code, String detail, String target) {
    }

    @GetMapping("/officer")
    String workbench(@RequestParam(required = false) String item, @RequestParam(required = false) String page,
                     Authentication login, Model model, HttpServletResponse response) {
        WindowOfficer.Officer officer = OfficerController.officer(login);
        model.addAttribute("items", packs.items());
        model.addAttribute("item", item == null ? "" : item);
        try {
            int number = page == null || !page.matches("\\d{1,6}") ? 0 : Integer.parseInt(page);
            String filter = item == null || item.isBlank() || packs.item(item).isEmpty() ? null : item;
            model.addAttribute("report", AcceptanceErrors.asProblem(() -> officers.report(officer)));
            WindowOfficer.Page<WindowOfficer.QueueEntry> queue = AcceptanceErrors.asProblem(() -> officers.queue(
                    new WindowOfficer.QueueCommand(officer, filter, number, PAGE_SIZE)));
            model.addAttribute("queue", queue);
            model.addAttribute("lastPage", Math.max(0, (queue.total() - 1) / PAGE_SIZE));
        } catch (ApiProblem e) {
            return failed(model, response, e, "main");
        }
        return "officer/workbench";
    }

    @GetMapping("/officer/applications/{id}")
    String application(@PathVariable String id, Authentication login, Model model, HttpServletResponse response) {
        try {
            show(model, OfficerController.officer(login), id);
        } catch (ApiProblem e) {
            return failed(model, response, e, "main");
        }
        return "officer/application";
    }

    @GetMapping("/officer/applications/{id}/materials/{index}")
    ResponseEntity<byte[]> material(@PathVariable String id, @PathVariable String index, Authentication login) {
        return OfficerController.file(AcceptanceErrors.asProblem(() -> officers.material(OfficerController.officer(login),
                AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND"), OfficerController.materialIndex(index))));
    }

    @PostMapping("/officer/applications/{id}/check")
    String check(@PathVariable String id, @RequestParam(required = false) String checked,
                 @RequestParam(required = false) String result, @RequestParam(required = false) String step,
                 @RequestParam(required = false) String key,
                 @RequestParam(required = false) String lang, Authentication login, Model model,
                 HttpServletResponse response) {
        WindowOfficer.Officer officer = OfficerController.officer(login);
        return act(model, response, officer, id, lang, "checked", Map.of("$.checked", "checked", "$.result", "result-passed"),
                () -> officers.check(new WindowOfficer.CheckCommand(officer, AcceptanceController.uuid(id,
                        "APPLICATION_NOT_FOUND"), key == null || key.length() > 100 ? null : key, step, checked,
                        OfficerController.result(result))));
    }

    @PostMapping("/officer/applications/{id}/complete")
    String complete(@PathVariable String id, @RequestParam(required = false) String lang, Authentication login,
                    Model model, HttpServletResponse response) {
        WindowOfficer.Officer officer = OfficerController.officer(login);
        return act(model, response, officer, id, lang, "completed", Map.of(),
                () -> officers.complete(officer, AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND")));
    }

    @PostMapping("/officer/applications/{id}/revoke")
    String revoke(@PathVariable String id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String lang, Authentication login, Model model,
                  HttpServletResponse response) {
        WindowOfficer.Officer officer = OfficerController.officer(login);
        return act(model, response, officer, id, lang, "revoked", Map.of("$.reason", "reason"), () -> {
            // the certificate of an application of the officer's district, as the page showed it
            UUID certificate = Optional.ofNullable(officers.application(officer,
                    AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND")).application().certificate())
                    .map(ApplicationView.CertificateLink::id)
                    .orElseThrow(() -> ApiProblem.notFound("CERTIFICATE_NOT_FOUND", "the application has no certificate"));
            return revocations.revoke(certificate, typed(reason, "revoking"), officer.name());
        });
    }

    /** Refuses (不予许可) an accepted application, with the reason the decision states; a paid fee is refunded. */
    @PostMapping("/officer/applications/{id}/refuse")
    String refuse(@PathVariable String id, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String lang, Authentication login, Model model,
                  HttpServletResponse response) {
        WindowOfficer.Officer officer = OfficerController.officer(login);
        return act(model, response, officer, id, lang, "refused", Map.of("$.reason", "refusal-reason"),
                () -> officers.refuse(officer, AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND"),
                        typed(reason, "refusing")));
    }

    /** The reason typed into a page's form, checked as the API checks its JSON. */
    private static Reason typed(String reason, String act) {
        return Reason.of(Json.MAPPER.createObjectNode().put("reason", reason == null ? "" : reason), act);
    }

    @GetMapping("/officer/on-behalf")
    String onBehalfForm(@RequestParam(required = false) String item, Model model) {
        model.addAttribute("key", "window-" + UUID.randomUUID());
        model.addAttribute("values", Map.of());
        model.addAttribute("ticked", Set.of());
        form(model, item);
        return "officer/on-behalf";
    }

    @PostMapping("/officer/on-behalf")
    String onBehalf(MultipartHttpServletRequest request, Authentication login, Model model,
                    HttpServletResponse response) {
        String item = request.getParameter("item");
        Optional<ServiceItem> chosen = item == null ? Optional.empty() : packs.item(item);
        String kind = request.getParameter("applicantKind");
        String number = Optional.ofNullable(request.getParameter("applicantId")).orElse("");
        String key = Optional.ofNullable(request.getParameter("key")).orElse("");
        Map<String, Object> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, v) -> values.put(name, v.length == 1 ? v[0] : List.of(v)));
        // a list field's ticked boxes, as "form.field=code", to tick them again when the form comes back
        Set<String> ticked = new java.util.HashSet<>();
        request.getParameterMap().forEach((name, v) -> java.util.Arrays.stream(v).forEach(code -> ticked.add(name + "=" + code)));
        model.addAttribute("key", key);
        model.addAttribute("values", values);
        model.addAttribute("ticked", ticked);
        form(model, item);
        try {
            if (chosen.isEmpty()) {
                throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "UNKNOWN_ITEM",
                        "choose a service item", "item", List.of());
            }
            SubmitApplication.Application application = ApplicationJson.application(application(chosen.get(), request));
            List<ReceivedUpload> uploads = AcceptanceController.uploads(request,
                    Set.of()).stream().filter(u -> u.bytes().length > 0 || (u.fileName() != null && !u.fileName().isEmpty())).toList();
            boolean organisation = "creditCode".equals(kind);
            ApplicationView view = AcceptanceErrors.asProblem(() -> officers.onBehalf(new WindowOfficer.OnBehalfCommand(
                    OfficerController.officer(login), organisation ? null : number, organisation ? number : null, key,
                    application, uploads)));
            return "redirect:/officer/applications/" + view.id() + "?done=submitted"
                    + (Lang.of(request.getParameter("lang")) == Lang.EN ? "&lang=en" : "");
        } catch (ApiProblem e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", new PageError(e.code(), e.getMessage(), onBehalfTarget(e.field())));
            return "officer/on-behalf";
        }
    }

    private void form(Model model, String item) {
        model.addAttribute("items", packs.items());
        Optional<ServiceItem> chosen = item == null ? Optional.empty() : packs.item(item);
        model.addAttribute("chosen", chosen.orElse(null));
        model.addAttribute("fields", chosen.map(i -> List.copyOf(i.form().values())).orElse(List.of()));
        model.addAttribute("uploads", chosen.map(i -> i.materials().stream()
                .filter(m -> m.satisfiedBy().contains(MaterialSpec.Means.UPLOAD)).toList()).orElse(List.of()));
        model.addAttribute("deliveries", tongban.rules.vocabulary.Delivery.values());
    }

    /** The application part as the API takes it, from the form's fields (named {@code form.<field>}). */
    private static ObjectNode application(ServiceItem item, MultipartHttpServletRequest request) {
        ObjectNode application = Json.MAPPER.createObjectNode().put("item", item.code());
        ObjectNode form = application.putObject("form");
        for (FieldSpec field : item.form().values()) {
            String[] given = request.getParameterValues("form." + field.name());
            List<String> values = given == null ? List.of()
                    : java.util.Arrays.stream(given).filter(v -> !v.isBlank()).toList();
            switch (field.type()) {
                case LIST -> {
                    if (!values.isEmpty()) {
                        ArrayNode list = form.putArray(field.name());
                        values.forEach(list::add);
                    }
                }
                case FLAG -> {
                    if (values.contains("true")) {
                        form.put(field.name(), true);
                    }
                }
                case INTEGER, DECIMAL -> {
                    if (!values.isEmpty()) {
                        // a number stays a number; anything else goes as typed, for the engine to refuse with its path
                        String v = values.get(0).strip();
                        if (v.matches("-?\\d{1,15}(\\.\\d{1,6})?")) {
                            form.put(field.name(), new java.math.BigDecimal(v));
                        } else {
                            form.put(field.name(), v);
                        }
                    }
                }
                default -> {
                    if (!values.isEmpty()) {
                        form.put(field.name(), values.get(0));
                    }
                }
            }
        }
        ObjectNode options = application.putObject("options");
        String delivery = request.getParameter("delivery");
        if (delivery != null && !delivery.isBlank()) {
            options.put("delivery", delivery);
        }
        if ("true".equals(request.getParameter("commitment"))) {
            options.put("commitment", true);
        }
        return application;
    }

    private static String onBehalfTarget(String field) {
        if (field == null) {
            return "applicantId";
        }
        if (field.startsWith("$.form.")) {
            return "f-" + field.substring("$.form.".length()).split("[.\\[]")[0];
        }
        if (field.startsWith("$.options")) {
            return "delivery";
        }
        if (field.startsWith("$.applicant") || field.equals("Idempotency-Key")) {
            return "applicantId";
        }
        if (field.equals("item") || field.equals("$.item")) {
            return "item";
        }
        return "m-" + field;
    }

    private void show(Model model, WindowOfficer.Officer officer, String id) {
        WindowOfficer.OfficerApplication a = AcceptanceErrors.asProblem(() -> officers.application(officer,
                AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND")));
        model.addAttribute("a", a);
        model.addAttribute("itemSpec", packs.item(a.application().item()).orElse(null));
        model.addAttribute("passed", a.checks().stream().anyMatch(c -> c.result() == CheckResult.PASSED));
        // the check form's key: its double click or reload records one check, one visit
        model.addAttribute("checkKey", UUID.randomUUID().toString());
        Optional<ECertificate> certificate = Optional.ofNullable(a.application().certificate())
                .flatMap(c -> archive.certificates().find(c.id()));
        model.addAttribute("certificate", certificate.orElse(null));
    }

    /** Runs an act of the application page: redirects to the page with a banner, or shows it again with the error. */
    private String act(Model model, HttpServletResponse response, WindowOfficer.Officer officer, String id, String lang,
                       String done, Map<String, String> targets, Supplier<?> action) {
        try {
            AcceptanceErrors.asProblem(action);
            return "redirect:/officer/applications/" + id + "?done=" + done + ("en".equals(lang) ? "&lang=en" : "");
        } catch (ApiProblem e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", new PageError(e.code(), e.getMessage(),
                    e.field() == null ? "actions" : targets.getOrDefault(e.field(), "actions")));
            try {
                show(model, officer, id);
            } catch (ApiProblem gone) {
                return failed(model, response, gone, "main");
            }
            return "officer/application";
        }
    }

    private static String failed(Model model, HttpServletResponse response, ApiProblem e, String target) {
        response.setStatus(e.status().value());
        model.addAttribute("error", new PageError(e.code(), e.getMessage(), target));
        return "officer/problem";
    }
}
