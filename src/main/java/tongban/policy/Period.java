package tongban.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpStatus;
import tongban.platform.ApiProblem;

/**
 * A period of whole days in Beijing time, both ends included: {@code from} and {@code to} as {@code YYYY-MM-DD}, by
 * default the last 90 days up to today; at most {@value #MAX_DAYS} days.
 */
record Period(LocalDate from, LocalDate to) {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;

    /** The period the query asks for; a date that is not one, a reversed or too long period is {@code INVALID_PERIOD}. */
    static Period of(String from, String to, Clock clock) {
        LocalDate end = blank(to) ? LocalDate.now(clock.withZone(BEIJING)) : date(to, "to");
        LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : date(from, "from");
        if (start.isAfter(end)) {
            throw invalid("from", "'from' is after 'to'");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw invalid("from", "a period is at most " + MAX_DAYS + " days");
        }
        return new Period(start, end);
    }

    Instant start() {
        return from.atStartOfDay(BEIJING).toInstant();
    }

    /** The first instant after the period. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(BEIJING).toInstant();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String value, String field) {
        try {
            if (value.length() != 10) {
                throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + field + "' must be a date as YYYY-MM-DD");
        }
    }

    private static ApiProblem invalid(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PERIOD", detail, field, java.util.List.of());
    }
}
