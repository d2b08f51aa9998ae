package tongban.policy;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import tongban.platform.Json;
import tongban.rules.Decision;
import tongban.rules.RulePacks;

/**
 * Decided residence-permit applications as acceptance stores them (the facts, the decision of the pack serving now,
 * the status), on one day of the past chosen at random so that runs sharing the test database never see each
 * other's cases.
 */
final class RealCases {

    static final String ITEM = "residence-permit";
    static final String APPLICANT = "{\"kind\":\"PERSON\",\"idNumber\":\"%s\",\"name\":\"%s\",\"hukouRegion\":\"%s\","
            + "\"identityVerified\":true}";

    /** A first permit on employment with 8 months of registered residence: accepted, no fee. */
    static final String FIRST_8_MONTHS = facts("320102199408183167", "刘洋", "320100", "FIRST", "EMPLOYMENT",
            "{\"residenceRegistrationMonths\":8,\"socialInsuranceMonthsLast12\":7,\"photoOnFile\":true}", null);
    /** A replacement card: 20 yuan. */
    static final String REPLACEMENT_POST = facts("420106198802034332", "周杰", "420106", "REPLACEMENT", "RESIDENCE",
            "{\"residenceRegistrationMonths\":30,\"stableResidence\":true,\"photoOnFile\":true}", "POST");
    static final String REPLACEMENT_PICKUP = facts("36010220030912624X", "孙丽", "360102", "REPLACEMENT", "STUDY",
            "{\"residenceRegistrationMonths\":10,\"enrolledStudent\":true,\"photoOnFile\":true}", "PICKUP");
    /** A Shanghai hukou: ineligible (LOCAL_HUKOU). */
    static final String LOCAL_HUKOU = facts("31010419960707188X", "郑浩", "310104", "FIRST", "EMPLOYMENT",
            "{\"residenceRegistrationMonths\":24,\"socialInsuranceMonthsLast12\":12,\"photoOnFile\":true}", null);
    /** Five months: ineligible (RESIDENCE_UNDER_6_MONTHS). */
    static final String FIRST_5_MONTHS = facts("320102199408183167", "刘洋", "320100", "FIRST", "EMPLOYMENT",
            "{\"residenceRegistrationMonths\":5,\"socialInsuranceMonthsLast12\":7,\"photoOnFile\":true}", null);
    /** No shared records: the residence registration and the proof of employment are missing. */
    static final String FIRST_NO_RECORDS = facts("320102199408183167", "刘洋", "320100", "FIRST", "EMPLOYMENT", "{}", null);

    /** In this order, the oldest first: case 1 of a preview is the last. */
    static final List<String> ALL = List.of(FIRST_8_MONTHS, REPLACEMENT_POST, REPLACEMENT_PICKUP, LOCAL_HUKOU,
            FIRST_5_MONTHS, FIRST_NO_RECORDS);

    /** Personal data of the cases, none of which a policy officer may see. */
    static final List<String> PERSONAL = List.of("320102199408183167", "420106198802034332", "36010220030912624X",
            "31010419960707188X", "刘洋", "周杰", "孙丽", "郑浩", "lisi");

    final LocalDate day;

    private RealCases(LocalDate day) {
        this.day = day;
    }

    /** Stores every case of {@link #ALL} on a random day between 2001 and 2019, ten minutes apart. */
    static RealCases store(JdbcClient jdbc, RulePacks packs) {
        RealCases cases = new RealCases(LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(6900)));
        for (int i = 0; i < ALL.size(); i++) {
            String facts = ALL.get(i);
            Decision decision = packs.evaluate(ITEM, Json.read(facts));
            String status = switch (decision.outcome()) {
                case ACCEPTABLE -> "ACCEPTED";
                default -> decision.outcome().name();
            };
            Timestamp at = Timestamp.from(cases.day.atTime(LocalTime.of(10, 0).plusMinutes(10L * i))
                    .atZone(ZoneId.of("Asia/Shanghai")).toInstant());
            jdbc.sql("insert into application (id, username, subject_id, item, idempotency_key, request_sha256, status, "
                            + "request, facts, decision, created_at, updated_at) values (?, 'lisi', ?, ?, ?, ?, ?, "
                            + "cast('{}' as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?)")
                    .params(UUID.randomUUID(), Json.read(facts).path("applicant").path("idNumber").asString(), ITEM,
                            UUID.randomUUID().toString(), "0".repeat(64), status, facts, Json.write(decision), at, at)
                    .update();
        }
        return cases;
    }

    String query() {
        return "from=" + day + "&to=" + day;
    }

    private static String facts(String id, String name, String hukou, String type, String basis, String records,
                                String delivery) {
        return "{\"asOf\":\"2026-11-27\",\"applicant\":" + APPLICANT.formatted(id, name, hukou)
                + ",\"form\":{\"applicationType\":\"" + type + "\",\"basis\":\"" + basis + "\"},\"records\":" + records
                + (delivery == null ? "" : ",\"options\":{\"delivery\":\"" + delivery + "\"}") + "}";
    }
}
