package tongban.acceptance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.archive.Archive;
import tongban.platform.ApiProblem;
import tongban.platform.Json;
import tongban.rules.RulePacks;
import tools.jackson.databind.JsonNode;

/**
 * Re-decides an application (ReplayDecision, 复核重放) on the facts it was decided on: with the pack version it was
 * decided on, the same decision; with another version, what that version would have decided, and where the two differ.
 * The facts are the application's row's, or, where the row has lost them, its archived package's.
 */
@Component
class ReplayDecision {

    /** The decision as recorded, as decided again, and the top-level fields in which they differ. */
    record Replayed(UUID application, String item, String version, boolean same, List<String> differences,
                    JsonNode recorded, JsonNode replayed) {
    }

    private final ApplicationStore applications;
    private final RulePacks packs;
    private final Archive archive;

    ReplayDecision(ApplicationStore applications, RulePacks packs, Archive archive) {
        this.applications = applications;
        this.packs = packs;
        this.archive = archive;
    }

    /** {@code version} null: the version the application was decided on. */
    Replayed replay(UUID id, String version) {
        ApplicationStore.Row row = applications.find(id)
                .orElseThrow(() -> ApiProblem.notFound("APPLICATION_NOT_FOUND", "no application " + id));
        String facts = row.facts() != null ? row.facts() : archive.packages().facts(id.toString())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
        if (facts == null || row.decision() == null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_REPLAYABLE", "application " + id
                    + " was decided before the facts of each decision were kept; it cannot be decided again");
        }
        JsonNode recorded = Json.read(row.decision());
        String used = version == null ? recorded.path("packVersion").asString() : version;
        // written and read back as the recorded one was, so numbers compare by their JSON text
        JsonNode replayed = Json.read(Json.write(packs.evaluate(row.item(), Json.read(facts), used)));
        List<String> differences = new ArrayList<>();
        for (String field : replayed.propertyNames()) {
            if (!replayed.get(field).equals(recorded.get(field))) {
                differences.add(field);
            }
        }
        return new Replayed(id, row.item(), used, differences.isEmpty(), List.copyOf(differences), recorded, replayed);
    }
}
