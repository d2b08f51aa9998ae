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
import java.util.regex.Pattern;
import tongban.platform.StrictYaml;
import tongban.platform.StrictYaml.Value;

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

    private static final Set<String> GRANT_KEYS = Set.of("basis", "source", "verified", "applicant", "records",
            "certificates");
    private static final Pattern CITATION = Pattern.compile("《[^》]+》(（[^）]*）)?第[一二三四五六七八九十百零〇]+条");

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

    /**
     * Reads and checks the policy; the exception lists every problem found, each as {@code file:line:column:
     * message}: an unknown key, a key given twice, an unknown or negatively listed field, a grant without its
     * basis (law and article) or without the {@code source} its text was read in.
     */
    public static DataSharingPolicy read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("data-sharing policy not readable: " + file, e);
        }
        List<StrictYaml.Problem> problems = new ArrayList<>();
        Set<String> negative = new LinkedHashSet<>();
        Map<String, Grant> items = new LinkedHashMap<>();
        StrictYaml.parse(text, problems).ifPresent(root -> {
            Map<String, Value> top = root.map(Set.of("negativeList", "items"), Set.of("negativeList", "items"));
            if (top == null) {
                return;
            }
            if (top.containsKey("negativeList")) {
                negative.addAll(top.get("negativeList").texts());
            }
            Map<String, Value> grants = top.containsKey("items") ? top.get("items").entries() : null;
            if (grants == null) {
                return;
            }
            grants.forEach((item, node) -> {
                Map<String, Value> grant = node.map(GRANT_KEYS, Set.of());
                if (grant == null) {
                    return;
                }
                Set<String> applicant = fields(grant.get("applicant"), APPLICANT_FIELDS, negative);
                Set<String> records = fields(grant.get("records"), RECORD_FIELDS, negative);
                Set<String> certificates = grant.containsKey("certificates")
                        ? new LinkedHashSet<>(grant.get("certificates").texts()) : Set.of();
                String basis = grant.containsKey("basis") ? grant.get("basis").text() : null;
                if (basis == null || !CITATION.matcher(basis).find()) {
                    node.problem(item + ": every grant cites its legal basis, a law and its article (basis: 《…》第…条)");
                }
                if (!grant.containsKey("source")) {
                    node.problem(item + ": every grant says where its basis was read (source: title, issuing number, date)");
                } else {
                    grant.get("source").text();
                }
                if (grant.containsKey("verified")) {
                    grant.get("verified").oneOf(Set.of("yes", "no"));
                }
                items.put(item, new Grant(basis == null ? "" : basis, applicant, records, certificates));
            });
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + " is invalid:\n" + String.join("\n", problems.stream()
                    .map(p -> file + ":" + p.line() + ":" + p.column() + ": " + p.message()).toList()));
        }
        return new DataSharingPolicy(negative, items);
    }

    private static Set<String> fields(Value list, Set<String> known, Set<String> negative) {
        Set<String> names = new LinkedHashSet<>();
        if (list == null) {
            return names;
        }
        for (Value field : list.list()) {
            String name = field.text();
            if (name == null) {
                continue;
            }
            if (!known.contains(name)) {
                field.problem("unknown field '" + name + "'; known: " + String.join(", ", new java.util.TreeSet<>(known)));
            } else if (negative.contains(name)) {
                field.problem("'" + name + "' is on the negative list and is never shared");
            } else {
                names.add(name);
            }
        }
        return names;
    }
}
