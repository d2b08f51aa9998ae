package tongban.identity;

import java.util.List;

/**
 * One thing a base library holds about a subject that the data-sharing policy lets items read, as the subject sees it
 * on its own page (我的数据): the library (e.g. {@code person}, 人口库), the field, its value, and the items that may read it.
 */
public record Held(String library, String field, Object value, List<String> items) {
}
