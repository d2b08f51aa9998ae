package tongban.seal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A department (部门) that seals documents, with the configuration of its seal.
 *
 * @param id      stable identifier used by callers, e.g. {@code shanghai-amr}
 * @param name    the department's Chinese name drawn along the seal's upper arc, e.g. 上海市市场监督管理局
 * @param purpose the seal purpose drawn under the star, e.g. 电子证照专用章
 * @param key     where the seal key lives; {@code null} in the embedded default, where a local test authority
 *                creates the key
 */
public record Department(String id, String name, String purpose, KeyLocation key) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Department {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(purpose, "purpose");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("department id must be lower-case letters, digits and '-': " + id);
        }
    }
}
