package tongban.payment.alipay;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Alipay's amounts are yuan (元) as decimal text with at most two places ({@code "20.00"}); ours are fen (分) as
 * integers. Converted exactly, never through floating point.
 */
final class Yuan {

    /** Plain yuan: digits, optionally a point and one or two digits; no sign, exponent or spaces. */
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?");

    private Yuan() {
    }

    /** The fen of an amount as Alipay writes it; refused ({@link IllegalArgumentException}) for anything else (three decimals, a sign, an exponent). */
    static long toFen(String yuan) {
        if (yuan == null || !AMOUNT.matcher(yuan).matches()) {
            throw new IllegalArgumentException("not an amount in yuan with at most two decimals");
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** Fen as Alipay wants an amount: yuan with two decimals. */
    static String of(long fen) {
        if (fen < 0) {
            throw new IllegalArgumentException("a negative amount");
        }
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
