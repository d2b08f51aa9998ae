package tongban.rules.vocabulary;

import java.util.Map;

/**
 * Records from data sharing (共享数据), such as months of residence registration: the fields the
 * item's {@code item.yaml} declares under {@code records}.
 */
public record Records(Map<String, Object> values) implements Fields {
    public Records {
        values = Map.copyOf(values);
    }
}
