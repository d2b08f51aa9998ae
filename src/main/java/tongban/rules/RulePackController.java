package tongban.rules;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Policy staff's view of the packs: what serves, reload without a restart, run the scenarios. */
@RestController
@RequestMapping("/api/v1/rule-packs")
class RulePackController {

    private final RulePacks packs;
    private final ApplicationEventPublisher events;

    RulePackController(RulePacks packs, ApplicationEventPublisher events) {
        this.packs = packs;
        this.events = events;
    }

    @GetMapping
    List<LoadedPack> loaded() {
        return packs.loaded();
    }

    /** A refused reload changes nothing and is not audited; a reload that swapped the packs in is, with their versions. */
    @PostMapping("/reload")
    Reloaded reload(Authentication login) {
        List<LoadedPack> loaded = packs.reload();
        events.publishEvent(new RulePacksReloaded(login.getName(),
                loaded.stream().collect(Collectors.toMap(LoadedPack::item, LoadedPack::version))));
        return new Reloaded(loaded);
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
