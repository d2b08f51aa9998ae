package tongban.rules;

import java.util.List;
import java.util.stream.Collectors;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;

/** Policy staff's view of the packs: what serves, reload without a restart, run the scenarios, publish versions. */
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

    /**
     * Publishes a version: the body is the pack as a zip ({@code application/zip}), or empty for the working copy;
     * {@code effectiveFrom} (yyyy-MM-dd) is the first day it decides.
     */
    @PostMapping("/{item}/versions")
    ResponseEntity<PackVersion> publish(@PathVariable String item, @RequestParam(required = false) String effectiveFrom,
                                        @RequestBody(required = false) byte[] zip, Authentication login) {
        LocalDate from;
        try {
            from = LocalDate.parse(effectiveFrom == null ? "" : effectiveFrom);
        } catch (DateTimeParseException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_EFFECTIVE_FROM",
                    "effectiveFrom is the first day the version decides, as yyyy-MM-dd", "effectiveFrom", List.of());
        }
        PackVersion published = packs.publish(item, zip == null || zip.length == 0 ? null : zip, from, login.getName());
        events.publishEvent(new RulePackPublished(login.getName(), published));
        return ResponseEntity.status(HttpStatus.CREATED).body(published);
    }

    @GetMapping("/{item}/versions")
    List<PackVersion> versions(@PathVariable String item) {
        return packs.versions(item);
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
