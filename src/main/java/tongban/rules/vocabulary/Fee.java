package tongban.rules.vocabulary;

import java.math.BigDecimal;
import org.kie.api.definition.rule.Rule;

/** A fee (收费) that replaces the item's usual fee: {@code @amount} in the item's currency. */
public record Fee(BigDecimal amount, String rule) {

    public static Fee of(Rule rule) {
        return new Fee(new BigDecimal(Metadata.required(rule, "amount")), rule.getName());
    }
}
