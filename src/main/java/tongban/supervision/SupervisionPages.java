package tongban.supervision;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.platform.PublicBaseUrl;
import tongban.web.PageController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The supervisor's pages ({@code /supervision}: publish a draw, fix another's seed, record results) and the public
 * page of a draw ({@code /draws/{id}}, 一公开). The forms go through the same checks as the API
 * ({@link DrawRequests}); a refusal comes back GOV.UK-style, the summary linking to the field at fault.
 */
@PageController
class SupervisionPages {

    private final Supervision supervision;
    private final PublicBaseUrl publicBaseUrl;

    SupervisionPages(Supervision supervision, PublicBaseUrl publicBaseUrl) {
        this.supervision = supervision;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** A refusal to show: the form control at fault (its id) and the message key. */
    record PageError(String target, String code) {
    }

    @GetMapping("/supervision")
    String workbench(Model model) {
        model.addAttribute("draws", supervision.recent(50));
        model.addAttribute("licenceTypes", supervision.licenceTypes());
        return "supervision/workbench";
    }

    @PostMapping("/supervision/draws")
    String publish(@RequestParam Map<String, String> form, Model model, Authentication login) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("licenceType", form.getOrDefault("licenceType", ""));
        if (!form.getOrDefault("district", "").isBlank()) {
            body.put("district", form.get("district").strip());
        }
        number(body, "sharePercent", form.get("sharePercent"));
        number(body, "count", form.get("count"));
        body.set("inspectors", inspectors(form.getOrDefault("inspectors", "")));
        try {
            UUID id = DrawRequests.call(() -> supervision.create(DrawRequests.draw(body, login.getName()))).id();
            return "redirect:/supervision/draws/" + id + query(form);
        } catch (ApiProblem problem) {
            String field = target(problem.field());
            model.addAttribute("error", new PageError(field == null ? "licenceType" : field, problem.code()));
            model.addAttribute("form", form);
            return workbench(model);
        }
    }

    @GetMapping("/supervision/draws/{id}")
    String draw(@PathVariable String id, Model model, Authentication login) {
        Supervision.PublishedDraw draw = supervision.findForSupervisors(DrawRequests.id(id, "DRAW_NOT_FOUND"),
                        login.getName())
                .orElseThrow(() -> ApiProblem.notFound("DRAW_NOT_FOUND", "no draw " + id));
        model.addAttribute("draw", draw);
        model.addAttribute("outcomes", Supervision.Outcome.values());
        return "supervision/draw";
    }

    @PostMapping("/supervision/draws/{id}/seed")
    String seed(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Authentication login) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("source", form.getOrDefault("source", ""));
        body.put("value", form.getOrDefault("value", ""));
        UUID draw = DrawRequests.id(id, "DRAW_NOT_FOUND");
        try {
            DrawRequests.call(() -> supervision.fixSeed(DrawRequests.seed(body, draw, login.getName())));
            return "redirect:/supervision/draws/" + draw + query(form);
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404) {
                throw problem;
            }
            model.addAttribute("error", new PageError(target(problem.field()) == null ? "source" : target(problem.field()),
                    problem.code()));
            model.addAttribute("form", form);
            return draw(id, model, login);
        }
    }

    /** An inspection's sealed notice or order to rectify, linked from the draw's page. */
    @GetMapping("/supervision/inspections/{id}/{document:notice|order}")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String document,
                                                             Authentication login) {
        return DrawRequests.document(supervision, id, document, login.getName());
    }

    @PostMapping("/supervision/inspections/{id}/result")
    String result(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Authentication login) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("outcome", form.getOrDefault("outcome", ""));
        body.put("findings", form.getOrDefault("findings", ""));
        if (!form.getOrDefault("rectifyBy", "").isBlank()) {
            body.put("rectifyBy", form.get("rectifyBy").strip());
        }
        UUID inspection = DrawRequests.id(id, "INSPECTION_NOT_FOUND");
        String drawId = form.getOrDefault("draw", "");
        try {
            DrawRequests.call(() -> supervision.record(DrawRequests.result(body, inspection, login.getName())));
            return "redirect:/supervision/draws/" + DrawRequests.id(drawId, "DRAW_NOT_FOUND") + query(form) + "#i-" + inspection;
        } catch (ApiProblem problem) {
            if (problem.status().value() == 404) {
                throw problem;
            }
            String field = target(problem.field());
            model.addAttribute("error", new PageError((field == null || field.equals("outcome") ? "outcome-PASSED" : field)
                    + "-" + inspection, problem.code()));
            model.addAttribute("errorInspection", inspection);
            model.addAttribute("form", form);
            return draw(drawId, model, login);
        }
    }

    /** The public record (一公开) as a page: the same as the API's, with a link to it for the script. */
    @GetMapping("/draws/{id}")
    String publicDraw(@PathVariable String id, Model model) {
        Supervision.PublishedDraw draw = supervision.find(DrawRequests.id(id, "DRAW_NOT_FOUND"))
                .orElseThrow(() -> ApiProblem.notFound("DRAW_NOT_FOUND", "no draw " + id));
        model.addAttribute("draw", draw);
        model.addAttribute("publicApi", publicBaseUrl.get().resolve("/api/v1/supervision/draws/" + draw.id()));
        return "supervision/public";
    }

    /** One inspector per line: the badge number, then optionally ':' and the licence numbers of declared conflicts. */
    static ArrayNode inspectors(String text) {
        ArrayNode pool = Json.MAPPER.createArrayNode();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('：');
            ObjectNode inspector = pool.addObject();
            inspector.put("badge", (colon < 0 ? line : line.substring(0, colon)).strip());
            ArrayNode conflicts = inspector.putArray("conflicts");
            if (colon >= 0) {
                for (String number : line.substring(colon + 1).split("[\\s,，]+")) {
                    if (!number.isBlank()) {
                        conflicts.add(number);
                    }
                }
            }
        }
        return pool;
    }

    private static void number(ObjectNode body, String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            body.put(name, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            body.put(name, value);
        }
    }

    /** The form control a JSON path is about. */
    private static String target(String field) {
        if (field == null || field.equals("$")) {
            return null;
        }
        String name = field.substring(2);
        int end = name.indexOf('[') >= 0 ? name.indexOf('[') : name.indexOf('.') >= 0 ? name.indexOf('.') : name.length();
        name = name.substring(0, end);
        return name.equals("count") ? "sharePercent" : name;
    }

    private static String query(Map<String, String> form) {
        return "en".equals(form.get("lang")) ? "?lang=en" : "";
    }

}
