package tongban.acceptance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The district (区, 行政区划代码) whose window serves an online application's in-person steps, told from the facts it
 * was decided on, in this order: the district of the applicant's residence registration (居住登记, the community
 * affairs centre of a residence permit), the first district named in a form answer (a business's premises address),
 * the applicant's household registration when it is one of the city's districts. None of these: no district.
 * The districts are the {@code district} table's (data, not code).
 */
@Component
class Districts {

    private final JdbcClient jdbc;
    private volatile Map<String, String> codeByName;

    Districts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** From the facts decided on and the shared records read for them (an item may read more than its rules use). */
    Optional<String> of(JsonNode facts, Map<String, Object> records) {
        Map<String, String> districts = districts();
        String residence = String.valueOf(records.getOrDefault("residenceDistrict",
                facts.path("records").path("residenceDistrict").asString("")));
        if (districts.containsKey(residence)) {
            return Optional.of(districts.get(residence));
        }
        if (districts.containsValue(residence)) {
            return Optional.of(residence);
        }
        List<String> answers = new ArrayList<>();
        texts(facts.path("form"), answers);
        for (String answer : answers) {
            Optional<String> named = districts.keySet().stream().filter(answer::contains)
                    .min(Comparator.comparingInt(answer::indexOf)).map(districts::get);
            if (named.isPresent()) {
                return named;
            }
        }
        String hukou = facts.path("applicant").path("hukouRegion").asString("");
        return districts.containsValue(hukou) ? Optional.of(hukou) : Optional.empty();
    }

    /** A district's name by its code, if it is one of the city's. */
    Optional<String> name(String code) {
        return districts().entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    private Map<String, String> districts() {
        Map<String, String> known = codeByName;
        if (known == null) {
            Map<String, String> read = new LinkedHashMap<>();
            jdbc.sql("select name, code from district order by code").query(rs -> {
                read.put(rs.getString(1), rs.getString(2));
            });
            known = Map.copyOf(read);
            codeByName = known;
        }
        return known;
    }

    private static void texts(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        } else if (node.isContainer()) {
            node.values().forEach(child -> texts(child, into));
        }
    }
}
