package tongban.rules.vocabulary;

import java.util.Map;

/** The application form (申请表) of one item: the fields its {@code item.yaml} declares under {@code form}. */
public record Form(Map<String, Object> values) implements Fields {
    public Form {
        values = Map.copyOf(values);
    }
}
