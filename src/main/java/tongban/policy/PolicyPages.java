package tongban.policy;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tongban.platform.ApiProblem;
import tongban.rules.RulePacks;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * The policy officer's pages: {@code /policy} lists the packs; {@code /policy/{item}} shows a pack's version, runs its
 * scenarios with their coverage and shows statistics of real use; {@code /policy/{item}/preview} uploads a changed
 * pack and shows its compile errors, its scenarios and the real decisions it would change. A refused input comes back
 * in the form with the error summary; the page's texts are {@code policy.*}.
 */
@PageController
class PolicyPages {

    /** Where each problem's field is on the pages. */
    private static final Map<String, String> FIELDS = Map.of("$.pack", "pack", "last", "last", "from", "from", "to", "to");

    private final PolicyWorkbench workbench;
    private final ImpactPreview preview;
    private final PublishableCandidates candidates;
    private final RulePacks packs;

    PolicyPages(PolicyWorkbench workbench, ImpactPreview preview, PublishableCandidates candidates, RulePacks packs) {
        this.workbench = workbench;
        this.preview = preview;
        this.candidates = candidates;
        this.packs = packs;
    }

    /** An input the page refused: the field's id (for the summary's link) and the message key. */
    record PageError(String field, String message) {
    }

    @GetMapping("/policy")
    String index(Model model, Authentication login) {
        model.addAttribute("packs", workbench.packs(login.getName()));
        return "policy/index";
    }

    @GetMapping("/policy/{item}")
    String pack(@PathVariable String item, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Model model, Authentication login) {
        return pack(item, from, to, null, model, login);
    }

    @PostMapping("/policy/{item}/scenarios")
    String scenarios(@PathVariable String item, Model model, Authentication login) {
        return pack(item, null, null, workbench.scenarios(login.getName(), item), model, login);
    }

    @GetMapping("/policy/{item}/preview")
    String previewForm(@PathVariable String item, Model model, Authentication login) {
        model.addAttribute("pack", workbench.pack(login.getName(), item));
        model.addAttribute("last", String.valueOf(ImpactPreview.DEFAULT_CASES));
        return "policy/preview";
    }

    @PostMapping("/policy/{item}/preview")
    String preview(@PathVariable String item, @RequestParam(required = false) MultipartFile pack,
                   @RequestParam(required = false) String last, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, Model model, Authentication login) {
        model.addAttribute("pack", workbench.pack(login.getName(), item));
        model.addAttribute("last", last);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        if (pack == null || pack.isEmpty()) {
            model.addAttribute("error", new PageError("pack", "policy.error.FILE_REQUIRED"));
            return "policy/preview";
        }
        try {
            model.addAttribute("preview", preview.preview(new ImpactPreview.Command(login.getName(), item,
                    PolicyController.bytes(pack), last, from, to)));
        } catch (ApiProblem problem) {
            if (problem.code().equals("RULE_PACK_INVALID")) {
                model.addAttribute("compileErrors", problem.errors());
            } else {
                model.addAttribute("error", error(problem));
            }
        }
        return "policy/preview";
    }

    /**
     * Publishes a candidate the preview found publishable, exactly as previewed (kept by its content hash), in force
     * from the date given: the catalogue's publication compiles it and runs its scenarios again, stores it once and
     * audits it ({@code RULE_PACK_PUBLISHED}). A refusal comes back on the preview page.
     */
    @PostMapping("/policy/{item}/publish")
    String publish(@PathVariable String item, @RequestParam(required = false) String version,
                   @RequestParam(required = false) String effectiveFrom, Model model, Authentication login,
                   HttpServletRequest request) {
        model.addAttribute("pack", workbench.pack(login.getName(), item));
        model.addAttribute("last", String.valueOf(ImpactPreview.DEFAULT_CASES));
        Optional<byte[]> zip = version == null ? Optional.empty() : candidates.find(item, version);
        if (zip.isEmpty()) {
            model.addAttribute("error", new PageError("pack", "policy.error.CANDIDATE_NOT_FOUND"));
            return "policy/preview";
        }
        LocalDate from;
        try {
            from = LocalDate.parse(effectiveFrom == null ? "" : effectiveFrom.strip());
        } catch (java.time.format.DateTimeParseException e) {
            model.addAttribute("error", new PageError("pack", "policy.error.INVALID_EFFECTIVE_FROM"));
            return "policy/preview";
        }
        try {
            packs.publish(item, zip.get(), from, login.getName());
        } catch (ApiProblem problem) {
            model.addAttribute("error", new PageError("pack", "policy.error.PUBLISH_REFUSED"));
            return "policy/preview";
        }
        boolean english = Lang.ofQuery(request.getQueryString()) == Lang.EN;
        return "redirect:/policy/" + item + "?published=" + version + (english ? "&lang=en" : "");
    }

    private String pack(String item, String from, String to, PolicyWorkbench.ScenarioRun run, Model model,
                        Authentication login) {
        model.addAttribute("pack", workbench.pack(login.getName(), item));
        model.addAttribute("published", packs.versions(item));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("run", run);
        try {
            model.addAttribute("stats", workbench.stats(login.getName(), item, from, to));
        } catch (ApiProblem problem) {
            model.addAttribute("error", error(problem));
        }
        return "policy/pack";
    }

    private static PageError error(ApiProblem problem) {
        if (!problem.code().startsWith("PACK_ZIP_") && !List.of("INVALID_PERIOD", "INVALID_LIMIT", "PREVIEW_BUSY")
                .contains(problem.code())) {
            throw problem;
        }
        return new PageError(FIELDS.getOrDefault(problem.field(), "pack"), "policy.error." + problem.code());
    }
}
