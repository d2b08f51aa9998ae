package tongban.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tongban.identity.CreditCode;

/**
 * A certificate type's number (证照编号), as its template.yaml spells it under {@code number.pattern}: literal
 * characters and the parts {@code {division}} (the issuing division code, 行政区划代码), {@code {year}} (of issue),
 * {@code {sequence:N}} (N decimal digits of the type's sequence; {@code {sequence:N:gb32100}} in GB 32100's
 * 31 characters), {@code {code:FIELD}} (the field's value through {@code number.codes.FIELD}) and
 * {@code {check:ALGORITHM:FROM}} (a check character over the characters from offset FROM up to it). The same
 * pattern makes numbers and checks them, so a number that does not follow it is never printed.
 */
final class NumberPattern {

    private static final String GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] ORGANISATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    private static final Map<String, UnaryOperator<String>> CHECKS = Map.of(
            "gb32100", span -> String.valueOf(CreditCode.checkCharacter(span)),
            "gb11714", span -> String.valueOf(organisationCheck(span)),
            "iso7064-mod11-10", span -> String.valueOf(mod11Check(span)));
    private static final Map<String, String> CHECK_NAMES = Map.of("gb32100", "GB 32100", "gb11714", "GB 11714",
            "iso7064-mod11-10", "ISO 7064 MOD 11,10");
    private static final Pattern PART = Pattern.compile("\\{([^{}]*)}");

    /** What one part adds to a number being made, and the regular expression of what it adds. */
    private interface Part {
        void append(StringBuilder number, String division, LocalDate issued, long sequence, Map<String, Object> fields);

        String regex();
    }

    private record Literal(String text) implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            number.append(text);
        }

        public String regex() {
            return Pattern.quote(text);
        }
    }

    private record Division() implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            number.append(division);
        }

        public String regex() {
            return "[1-9][0-9]{5}";
        }
    }

    private record Year() implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            number.append(String.format("%04d", issued.getYear()));
        }

        public String regex() {
            return "[0-9]{4}";
        }
    }

    private record Sequence(int width, String alphabet) implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            int base = alphabet.length();
            char[] out = new char[width];
            long rest = sequence;
            for (int i = width - 1; i >= 0; i--, rest /= base) {
                out[i] = alphabet.charAt((int) (rest % base));
            }
            if (sequence < 0 || rest > 0) {
                throw new IllegalArgumentException("sequence " + sequence + " does not fit " + width + " characters");
            }
            number.append(out);
        }

        public String regex() {
            return "[" + alphabet + "]{" + width + "}";
        }
    }

    private record Code(String field, Map<String, String> values) implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            String code = values.get(String.valueOf(fields.get(field)));
            if (code == null) {
                throw new IllegalArgumentException("the field " + field + " is '" + fields.get(field)
                        + "', which has no code; codes." + field + " lists " + values.keySet());
            }
            number.append(code);
        }

        public String regex() {
            return values.values().stream().map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")"));
        }
    }

    private record Check(String algorithm, int from) implements Part {
        public void append(StringBuilder number, String division, LocalDate issued, long sequence,
                           Map<String, Object> fields) {
            number.append(of(number.substring(from)));
        }

        public String regex() {
            return "([0-9A-Z])";
        }

        String of(String span) {
            return CHECKS.get(algorithm).apply(span);
        }
    }

    private final String source;
    private final List<Part> parts;
    private final Pattern shape;

    private NumberPattern(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.shape = Pattern.compile(parts.stream().map(Part::regex).collect(Collectors.joining()));
    }

    /**
     * @param codes for each {@code {code:FIELD}}, the number's characters of each of the field's values
     * @throws IllegalArgumentException naming what is wrong with the pattern
     */
    static NumberPattern parse(String pattern, Map<String, Map<String, String>> codes) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PART.matcher(pattern);
        int at = 0;
        boolean sequence = false;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(literal(pattern.substring(at, m.start())));
            }
            String[] p = m.group(1).split(":", -1);
            switch (p[0]) {
                case "division" -> parts.add(new Division());
                case "year" -> parts.add(new Year());
                case "sequence" -> {
                    if (p.length < 2 || p.length > 3 || !p[1].matches("[1-9][0-9]?")
                            || p.length == 3 && !p[2].equals("gb32100")) {
                        throw new IllegalArgumentException("write {sequence:WIDTH} or {sequence:WIDTH:gb32100}, not {"
                                + m.group(1) + "}");
                    }
                    parts.add(new Sequence(Integer.parseInt(p[1]), p.length == 3 ? GB32100_ALPHABET : "0123456789"));
                    sequence = true;
                }
                case "code" -> {
                    Map<String, String> values = p.length == 2 ? codes.get(p[1]) : null;
                    if (values == null || values.isEmpty()) {
                        throw new IllegalArgumentException("{" + m.group(1) + "} needs its values under codes."
                                + (p.length == 2 ? p[1] : "FIELD"));
                    }
                    parts.add(new Code(p[1], Map.copyOf(values)));
                }
                case "check" -> {
                    if (p.length != 3 || !CHECKS.containsKey(p[1]) || !p[2].matches("[0-9]{1,2}")) {
                        throw new IllegalArgumentException("write {check:ALGORITHM:FROM} with ALGORITHM one of "
                                + CHECKS.keySet() + ", not {" + m.group(1) + "}");
                    }
                    parts.add(new Check(p[1], Integer.parseInt(p[2])));
                }
                default -> throw new IllegalArgumentException("unknown part {" + m.group(1)
                        + "}; the parts are division, year, sequence, code and check");
            }
            at = m.end();
        }
        if (at < pattern.length()) {
            parts.add(literal(pattern.substring(at)));
        }
        if (!sequence) {
            throw new IllegalArgumentException("needs a {sequence:WIDTH}, or two certificates would get one number");
        }
        return new NumberPattern(pattern, parts);
    }

    private static Literal literal(String text) {
        if (!text.matches("[A-Z0-9]+")) {
            throw new IllegalArgumentException("literal characters are capital letters and digits, not '" + text + "'");
        }
        return new Literal(text);
    }

    /**
     * The number of the {@code sequence}th certificate.
     *
     * @throws IllegalArgumentException when the sequence no longer fits or a code's field has no code
     */
    String make(String division, LocalDate issued, long sequence, Map<String, Object> fields) {
        if (division == null || !division.matches("[1-9]\\d{5}")) {
            throw new IllegalArgumentException("division code must be 6 digits, e.g. 310101");
        }
        StringBuilder number = new StringBuilder();
        for (Part part : parts) {
            part.append(number, division, issued, sequence, fields);
        }
        return number.toString();
    }

    /** Why {@code number} does not follow this pattern, or null when it does. */
    String problem(String number) {
        Matcher m = shape.matcher(number);
        boolean ok = m.matches();
        int group = 0;
        for (Part part : parts) {
            if (ok && part instanceof Check c) {
                group++;
                int end = m.start(group);
                ok = c.from() < end && c.of(number.substring(c.from(), end)).equals(m.group(group));
            }
        }
        return ok ? null : "must follow " + source + " with valid check characters ("
                + parts.stream().filter(Check.class::isInstance).map(c -> CHECK_NAMES.get(((Check) c).algorithm()))
                .collect(Collectors.joining(", ")) + ")";
    }

    // GB 11714 organisation code check over its 8-character body
    static char organisationCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(body.charAt(i), 36) * ORGANISATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    // ISO 7064 MOD 11,10: catches every single-digit error and every adjacent transposition.
    static char mod11Check(String digits) {
        int product = 10;
        for (int i = 0; i < digits.length(); i++) {
            int sum = (product + digits.charAt(i) - '0') % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }
        return (char) ('0' + (11 - product) % 10);
    }
}
