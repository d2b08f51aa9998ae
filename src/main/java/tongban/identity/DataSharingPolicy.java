package tongban.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The data-sharing policy file ({@code rules/data-sharing.yaml}, 三清单): per item, which applicant fields,
 * records and certificate types it may read, and a negative list of fields never shared. Checked when read:
 * an unknown field, or a negatively listed one granted to an item, makes the policy invalid.
 */
public record DataSharingPolicy(Set<String> negativeList, Map<String, Grant> items) {

    /** Applicant fields the libraries can share. */
    public static final Set<String> APPLICANT_FIELDS = Set.of("name", "hukouRegion", "identityVerified",
            "publicServant", "ownLabourIncome", "ethnicity", "address");
    /** Record fields the libraries can share. */
    public static final Set<String> RECORD_FIELDS = Set.of("residenceRegistrationMonths", "stableResidence",
            "residenceDistrict", "residenceAddress", "socialInsuranceMonthsLast12", "enrolledStudent", "photoOnFile");

    /** What one item may read, and the law that lets it. */
    public record Grant(String basis, Set<String> applicant, Set<String> records, Set<String> certificates) {
    }

    public DataSharingPolicy {
        negativeList = Set.copyOf(negativeList);
        items = Map.copyOf(items);
    }

    public Grant grantOf(String item) {
        return items.getOrDefault(item, new Grant("", Set.of(), Set.of(), Set.of()));
    }

    /** Reads and checks the policy; the exception lists every problem found. */
    public static DataSharingPolicy read(Path file) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("data-sharing policy not readable: " + file, e);
        }
        List<String> errors = new ArrayList<>();
        Set<String> negative = new LinkedHashSet<>();
        root.path("negativeList").forEach(f -> negative.add(f.asString()));
        Map<String, Grant> items = new LinkedHashMap<>();
        for (var entry : root.path("items").properties()) {
            JsonNode item = entry.getValue();
            Set<String> applicant = names(item.path("applicant"));
            Set<String> records = names(item.path("records"));
            for (String f : applicant) {
                check(entry.getKey(), f, APPLICANT_FIELDS, negative, errors);
            }
            for (String f : records) {
                check(entry.getKey(), f, RECORD_FIELDS, negative, errors);
            }
            if (item.path("basis").asString("").isBlank()) {
                errors.add(entry.getKey() + ": every grant cites its legal basis");
            }
            items.put(entry.getKey(), new Grant(item.path("basis").asString(""), applicant, records,
                    names(item.path("certificates"))));
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(file + " is invalid:\n" + String.join("\n", errors));
        }
        return new DataSharingPolicy(negative, items);
    }

    private static void check(String item, String field, Set<String> known, Set<String> negative, List<String> errors) {
        if (!known.contains(field)) {
            errors.add(item + ": unknown field '" + field + "'");
        } else if (negative.contains(field)) {
            errors.add(item + ": '" + field + "' is on the negative list and is never shared");
        }
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new LinkedHashSet<>();
        list.forEach(n -> names.add(n.asString()));
        return names;
    }
}
