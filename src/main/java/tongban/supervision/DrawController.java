package tongban.supervision;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;
import tongban.platform.Roles;
import tools.jackson.databind.JsonNode;

/** The supervision API (双随机一公开): draws, their seed, the public record, inspections' results. */
@RestController
class DrawController {

    private final Supervision supervision;

    DrawController(Supervision supervision) {
        this.supervision = supervision;
    }

    @PostMapping(path = "/api/v1/supervision/draws", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Supervision.PublishedDraw> create(@RequestBody JsonNode body, Authentication login) {
        Supervision.PublishedDraw draw = DrawRequests.call(() -> supervision.create(DrawRequests.draw(body, login.getName())));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/supervision/draws/" + draw.id())
                .body(draw);
    }

    @PostMapping(path = "/api/v1/supervision/draws/{id}/seed", consumes = MediaType.APPLICATION_JSON_VALUE)
    Supervision.PublishedDraw seed(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        return DrawRequests.call(() -> supervision.fixSeed(DrawRequests.seed(body, DrawRequests.id(id, "DRAW_NOT_FOUND"), login.getName())));
    }

    /** The public record; a supervisor signed in sees it with the findings and the documents' download addresses. */
    @GetMapping("/api/v1/supervision/draws/{id}")
    Supervision.PublishedDraw draw(@PathVariable String id, Authentication login) {
        UUID draw = DrawRequests.id(id, "DRAW_NOT_FOUND");
        boolean supervisor = login != null && login.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.SUPERVISOR));
        return (supervisor ? supervision.findForSupervisors(draw, login.getName()) : supervision.find(draw))
                .orElseThrow(() -> ApiProblem.notFound("DRAW_NOT_FOUND", "no draw " + id));
    }

    /** An inspection's sealed notice (检查通知书) or order to rectify (责令整改通知书), for supervisors. */
    @GetMapping(path = "/api/v1/supervision/inspections/{id}/{document:notice|order}",
            produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String document, Authentication login) {
        return DrawRequests.document(supervision, id, document, login.getName());
    }

    @PostMapping(path = "/api/v1/supervision/inspections/{id}/result", consumes = MediaType.APPLICATION_JSON_VALUE)
    Supervision.Inspection result(@PathVariable String id, @RequestBody JsonNode body, Authentication login) {
        return DrawRequests.call(() -> supervision.record(DrawRequests.result(body, DrawRequests.id(id, "INSPECTION_NOT_FOUND"),
                login.getName())));
    }
}
