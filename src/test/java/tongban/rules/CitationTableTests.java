package tongban.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * rules/README.md keeps a table of every rule's citation and whether it was verified; the table must say
 * what the packs say, so that a policy officer reading it is never misled about a basis.
 */
class CitationTableTests {

    @Test
    void theCitationTableListsEveryRuleWithItsBasisAndStatus() throws IOException {
        String readme = Files.readString(Path.of("rules/README.md"));
        String section = readme.substring(readme.indexOf("## 7. Citations"));
        List<String> documented = new ArrayList<>();
        for (String line : section.split("\\R")) {
            String[] cells = line.split("\\|");
            if (cells.length == 6 && cells[2].strip().endsWith(".drl")) {
                documented.add(String.join(" | ", cells[1].strip(), cells[2].strip(), cells[3].strip(),
                        cells[4].strip(), cells[5].strip()));
            }
        }
        RulePacks packs = new RulePacks(Path.of("rules"), Clock.systemUTC(), c -> true);
        List<String> inPacks = new ArrayList<>();
        packs.items().forEach(item -> packs.guide(item.code()).rules().forEach(r -> inPacks.add(String.join(" | ",
                item.code(), r.concern() + ".drl", r.rule(), r.basis(), r.verified() ? "yes" : "no"))));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(inPacks);
    }

    @Test
    void theServiceGuideShowsAnUnverifiedBasisAsSuch() {
        RulePacks packs = new RulePacks(Path.of("rules"), Clock.systemUTC(), c -> true);
        ServiceGuide guide = packs.guide("residence-permit");
        assertThat(guide.rules()).filteredOn(r -> r.rule().equals("A replacement card costs 20 yuan"))
                .singleElement().satisfies(r -> {
                    assertThat(r.verified()).isFalse();
                    assertThat(r.source()).contains("国务院令第663号");
                });
        assertThat(guide.rules()).filteredOn(r -> r.code() != null && r.code().equals("LOCAL_HUKOU"))
                .singleElement().satisfies(r -> assertThat(r.verified()).isTrue());
        assertThat(guide.item().timeLimit()).isEqualTo(new Decision.TimeLimit(15, Decision.DayKind.CALENDAR,
                new Decision.Days(15, Decision.DayKind.CALENDAR)));
        assertThat(guide.item().notices().ineligible().decision()).isEqualTo("不予办理居住证");
    }
}
