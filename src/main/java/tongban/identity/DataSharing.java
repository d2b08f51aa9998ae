package tongban.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the base libraries (人口库, 法人库, records of other departments) for one subject and one item, as the
 * data-sharing policy allows, and logs the read (who, item, fields, time). This is how data travels instead of
 * the applicant (数据跑).
 */
public class DataSharing {

    private final JdbcClient jdbc;
    private final DataSharingPolicy policy;
    private final Clock clock;

    public DataSharing(JdbcClient jdbc, DataSharingPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /** The subject a login acts as, if it has one (staff accounts have none). */
    public Optional<Subject> subjectOf(String username) {
        return jdbc.sql("select subject_kind, subject_id from account where username = ?").param(username)
                .query((rs, n) -> new Subject(username, SubjectKind.valueOf(rs.getString(1)), rs.getString(2).strip()))
                .optional();
    }

    /**
     * The login of the person or organisation with this resident ID number or credit code, for a window officer who
     * identified them (窗口核验身份): empty if the base libraries hold no such subject, or it has no account.
     */
    public Identified identify(String subjectId) {
        Optional<Subject> account = jdbc.sql("select username, subject_kind from account where subject_id = ? "
                        + "order by username limit 1").param(subjectId)
                .query((rs, n) -> new Subject(rs.getString(1), SubjectKind.valueOf(rs.getString(2)), subjectId)).optional();
        boolean known = jdbc.sql("select exists (select 1 from person where id_number = ?) "
                + "or exists (select 1 from legal_person where uscc = ?)").params(subjectId, subjectId)
                .query(Boolean.class).single();
        return new Identified(known, known ? account : Optional.empty());
    }

    /** Whether the base libraries know a subject, and its login if it has one. */
    public record Identified(boolean known, Optional<Subject> subject) {
    }

    @Transactional
    public SharedData read(Subject subject, String item, String actor) {
        DataSharingPolicy.Grant grant = policy.grantOf(item);
        Set<String> allowed = grant.applicant();
        List<String> read = new ArrayList<>();
        SharedData shared;
        if (subject.kind() == SubjectKind.ORGANISATION) {
            // an organisation is authenticated as such (法人一证通); its representative is read for the documents
            shared = jdbc.sql("select l.name, l.representative_id, p.name from legal_person l "
                            + "left join person p on p.id_number = l.representative_id where l.uscc = ?").param(subject.id())
                    .query((rs, n) -> new SharedData(subject, allowed.contains("name") ? rs.getString(1) : "", "",
                            true, false, false, rs.getString(2).strip(), rs.getString(3), Map.of(), grant.certificates()))
                    .optional().orElseThrow(() -> new UnknownSubject(subject));
            read.add("legal_person.name");
            read.add("legal_person.representative");
        } else {
            shared = jdbc.sql("select name, hukou_region, identity_verified, public_servant, own_labour_income "
                            + "from person where id_number = ?").param(subject.id())
                    .query((rs, n) -> new SharedData(subject,
                            allowed.contains("name") ? rs.getString(1) : "",
                            allowed.contains("hukouRegion") ? rs.getString(2) : "",
                            allowed.contains("identityVerified") && rs.getBoolean(3),
                            allowed.contains("publicServant") && rs.getBoolean(4),
                            allowed.contains("ownLabourIncome") && rs.getBoolean(5),
                            subject.id(), allowed.contains("name") ? rs.getString(1) : "",
                            records(subject.id(), grant.records()), grant.certificates()))
                    .optional().orElseThrow(() -> new UnknownSubject(subject));
            allowed.forEach(f -> read.add("person." + f));
            grant.records().forEach(f -> read.add("records." + f));
        }
        jdbc.sql("insert into data_access_log (at, actor, subject_id, item, fields) values (?, ?, ?, ?, ?)")
                .params(java.sql.Timestamp.from(clock.instant()), actor, subject.id(), item, read.toArray(String[]::new))
                .update();
        return shared;
    }

    /** The library each shareable record field comes from. */
    private static final Map<String, String> RECORD_LIBRARIES = Map.of("residenceRegistrationMonths",
            "residence_registration", "stableResidence", "residence_registration", "residenceDistrict",
            "residence_registration", "residenceAddress", "residence_registration", "socialInsuranceMonthsLast12",
            "social_insurance", "enrolledStudent", "student_enrolment", "photoOnFile", "id_photo");

    /**
     * What the base libraries hold about the subject that at least one item may read (the grants together, never a
     * field of the negative list), with the items that may read each: the subject's own view (我的数据). Not logged:
     * a subject reading its own record shares nothing.
     */
    public List<Held> heldAbout(Subject subject) {
        Map<String, List<String>> readers = new LinkedHashMap<>();
        policy.items().forEach((item, grant) -> {
            grant.applicant().forEach(f -> readers.computeIfAbsent(f, k -> new ArrayList<>()).add(item));
            grant.records().forEach(f -> readers.computeIfAbsent(f, k -> new ArrayList<>()).add(item));
        });
        readers.keySet().removeAll(policy.negativeList());
        readers.values().forEach(java.util.Collections::sort);
        List<Held> held = new ArrayList<>();
        if (subject.kind() == SubjectKind.ORGANISATION) {
            jdbc.sql("select l.name, l.representative_id, p.name from legal_person l "
                    + "left join person p on p.id_number = l.representative_id where l.uscc = ?").param(subject.id())
                    .query(rs -> {
                        if (readers.containsKey("name")) {
                            held.add(new Held("legal_person", "name", rs.getString(1), readers.get("name")));
                        }
                        // every item an organisation applies for reads its representative (for the documents)
                        List<String> all = policy.items().keySet().stream().sorted().toList();
                        held.add(new Held("legal_person", "representativeId",
                                ResidentIdNumber.mask(rs.getString(2).strip()), all));
                        held.add(new Held("legal_person", "representativeName", rs.getString(3), all));
                    });
            return held;
        }
        jdbc.sql("select name, hukou_region, identity_verified, public_servant, own_labour_income from person "
                + "where id_number = ?").param(subject.id()).query(rs -> {
                    Object[] values = {rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getBoolean(5)};
                    String[] names = {"name", "hukouRegion", "identityVerified", "publicServant", "ownLabourIncome"};
                    for (int i = 0; i < names.length; i++) {
                        if (readers.containsKey(names[i])) {
                            held.add(new Held("person", names[i], values[i], readers.get(names[i])));
                        }
                    }
                });
        records(subject.id(), readers.keySet()).forEach((field, value) ->
                held.add(new Held(RECORD_LIBRARIES.get(field), field, value, readers.get(field))));
        return held;
    }

    private Map<String, Object> records(String idNumber, Set<String> fields) {
        Map<String, Object> records = new LinkedHashMap<>();
        jdbc.sql("select months, stable_residence, district, address from residence_registration where id_number = ?")
                .param(idNumber).query(rs -> {
                    put(records, fields, "residenceRegistrationMonths", (long) rs.getInt(1));
                    put(records, fields, "stableResidence", rs.getBoolean(2));
                    put(records, fields, "residenceDistrict", rs.getString(3));
                    put(records, fields, "residenceAddress", rs.getString(4));
                });
        if (fields.contains("socialInsuranceMonthsLast12")) {
            jdbc.sql("select months_last_12 from social_insurance where id_number = ?").param(idNumber)
                    .query(rs -> {
                        put(records, fields, "socialInsuranceMonthsLast12", (long) rs.getInt(1));
                    });
        }
        if (fields.contains("enrolledStudent")) {
            jdbc.sql("select enrolled from student_enrolment where id_number = ?").param(idNumber)
                    .query(rs -> {
                        records.put("enrolledStudent", rs.getBoolean(1));
                    });
        }
        if (fields.contains("photoOnFile")) {
            jdbc.sql("select on_file from id_photo where id_number = ?").param(idNumber)
                    .query(rs -> {
                        records.put("photoOnFile", rs.getBoolean(1));
                    });
        }
        return records;
    }

    private static void put(Map<String, Object> records, Set<String> fields, String name, Object value) {
        if (fields.contains(name)) {
            records.put(name, value);
        }
    }

    /** A login's subject is missing from the base libraries: a data problem, reported to the caller. */
    public static final class UnknownSubject extends RuntimeException {
        UnknownSubject(Subject subject) {
            super("the base libraries hold no record of " + subject, null, false, false);
        }
    }
}
