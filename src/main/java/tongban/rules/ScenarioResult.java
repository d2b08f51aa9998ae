package tongban.rules;

import java.util.List;

/** The result of one scenario of a pack's {@code tests/*.yaml}. */
public record ScenarioResult(String item, String file, String name, boolean passed, List<String> failures) {
}
