package tongban.rules;

import java.math.BigDecimal;

/** An amount of money, such as a fee (收费标准). */
public record Money(BigDecimal amount, String currency) {
}
