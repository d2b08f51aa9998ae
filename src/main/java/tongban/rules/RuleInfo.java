package tongban.rules;

import java.util.Map;

/**
 * What the pack compiler learnt of one rule from its source: where it is, what it finds, and its
 * metadata (unquoted). Used for the trace, the service guide and scenario coverage.
 */
record RuleInfo(String name, String file, int line, int order, String finding, Map<String, String> metadata) {

    String basis() {
        return metadata.getOrDefault("basis", "");
    }
}
