package tongban.acceptance;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Officers re-decide an application to show that its decision stands, or what another pack version would decide. */
@RestController
class ReplayController {

    private final ReplayDecision replay;

    ReplayController(ReplayDecision replay) {
        this.replay = replay;
    }

    @PostMapping("/api/v1/applications/{id}/replay")
    ReplayDecision.Replayed replay(@PathVariable String id, @RequestParam(required = false) String version) {
        return replay.replay(AcceptanceController.uuid(id, "APPLICATION_NOT_FOUND"), version);
    }
}
