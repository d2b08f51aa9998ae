package tongban.rules;

import java.util.List;

/** Every scenario of every pack, and the rules no scenario made fire (coverage). */
public record ScenarioReport(List<ScenarioResult> scenarios, List<String> rulesNeverFired) {

    public long passed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public long failed() {
        return scenarios.size() - passed();
    }
}
