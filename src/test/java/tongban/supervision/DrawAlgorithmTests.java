package tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tongban.supervision.DrawAlgorithm.Selected;
import tongban.supervision.Supervision.Holder;
import tongban.supervision.Supervision.Inspector;

/**
 * The draw pinned to known answers, computed with {@code scripts/redraw.py}'s own functions: a change to either
 * implementation that would make published draws unrepeatable fails here. Conflicts are never drawn.
 */
class DrawAlgorithmTests {

    static final List<Holder> HOLDERS = List.of(new Holder("92310101MA0000031M", "上海市黄浦区三号店", null),
            new Holder("92310101MA00000150", "上海市黄浦区一号店", null), new Holder("92310115MA00000512", "上海市浦东新区五号店", null),
            new Holder("92310101MA0000023T", "上海市黄浦区二号店", null), new Holder("92310101MA00000404", "（无字号）", null));
    static final List<Inspector> POOL = List.of(new Inspector("SH-0002", List.of()),
            new Inspector("SH-0003", List.of("92310101MA0000023T", "92310101MA00000150", "92310101MA0000023T")),
            new Inspector("SH-0001", List.of("92310101MA0000023T")), new Inspector("SH-0004", List.of("92310115MA00000512")));

    @Test
    void theHashesSeedAndSelectionAreTheScriptsKnownAnswers() {
        List<Holder> holders = DrawAlgorithm.canonicalHolders(HOLDERS);
        List<Inspector> pool = DrawAlgorithm.canonicalInspectors(POOL);
        String holdersSha256 = DrawAlgorithm.sha256(DrawAlgorithm.holdersText(holders));
        String inspectorsSha256 = DrawAlgorithm.sha256(DrawAlgorithm.inspectorsText(pool));
        assertThat(holdersSha256).isEqualTo("e9d26e11c161b72f1e92de2d22c94a0cda32162e340560d0c9acf1c014dc9866");
        assertThat(inspectorsSha256).isEqualTo("e042174ffcf9acd3af263c3dff5e9c8d8f01530767951d1157b4f829aabf4783");
        String publication = DrawAlgorithm.sha256(DrawAlgorithm.publicationText("3f6c1a52-8d0e-4b7a-9c1f-2e5d4a6b7c8d",
                "business-licence", null, 60, null, holdersSha256, inspectorsSha256));
        assertThat(publication).isEqualTo("595ca5c616b4a0e2c3cee00ca148ee3cfb4f266ead5e0b4c9244ad62b8ffefdd");
        String seed = DrawAlgorithm.seed(publication, "08 15 22 29 30 33 + 05");
        assertThat(seed).isEqualTo("b2d86353a434e1baa560b3107201db91532aa8d221a894a1ebcb30017619c590");
        int size = DrawAlgorithm.selectionSize(holders.size(), 60, null);
        assertThat(size).isEqualTo(3);

        assertThat(DrawAlgorithm.select(seed, holders, pool, size)).containsExactly(
                new Selected("92310101MA0000023T", List.of("SH-0002", "SH-0004")),
                new Selected("92310101MA00000150", List.of("SH-0002", "SH-0004")),
                new Selected("92310101MA00000404", List.of("SH-0001", "SH-0002")));
    }

    @Test
    void noInspectorIsDrawnForAHolderTheyDeclaredAConflictWith() {
        List<Holder> holders = DrawAlgorithm.canonicalHolders(HOLDERS);
        List<Inspector> pool = DrawAlgorithm.canonicalInspectors(POOL);
        for (int i = 0; i < 200; i++) {
            String seed = DrawAlgorithm.seed("0".repeat(64), Integer.toString(i));
            for (Selected s : DrawAlgorithm.select(seed, holders, pool, holders.size())) {
                assertThat(s.inspectors()).as(s.licenceNumber()).hasSize(2).doesNotHaveDuplicates();
                pool.stream().filter(p -> p.conflicts().contains(s.licenceNumber()))
                        .forEach(p -> assertThat(s.inspectors()).doesNotContain(p.badge()));
            }
        }
        assertThat(DrawAlgorithm.selectionSize(5, null, 9)).isEqualTo(5);
        assertThat(DrawAlgorithm.selectionSize(5, 1, null)).isEqualTo(1);
    }
}
