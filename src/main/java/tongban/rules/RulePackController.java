package tongban.rules;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Policy staff's view of the packs: what serves, reload without a restart, run the scenarios. */
@RestController
@RequestMapping("/api/v1/rule-packs")
class RulePackController {

    private final RulePacks packs;

    RulePackController(RulePacks packs) {
        this.packs = packs;
    }

    @GetMapping
    List<LoadedPack> loaded() {
        return packs.loaded();
    }

    @PostMapping("/reload")
    Reloaded reload() {
        return new Reloaded(packs.reload());
    }

    @PostMapping("/test")
    TestRun test() {
        ScenarioReport report = packs.test();
        return new TestRun(report.passed(), report.failed(), report.scenarios(), report.rulesNeverFired());
    }

    record Reloaded(List<LoadedPack> packs) {
    }

    record TestRun(long passed, long failed, List<ScenarioResult> scenarios, List<String> rulesNeverFired) {
    }
}
