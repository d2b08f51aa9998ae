package tongban.supervision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tongban.supervision.Supervision.Holder;
import tongban.supervision.Supervision.Inspector;

/**
 * The draw (双随机) as a pure function, exactly as {@code scripts/redraw.py} and the README ("Supervision") describe it,
 * so anyone can repeat it. All text is UTF-8, every line ends with LF, hashes are lower-case hex.
 * <ol>
 * <li>holders: one line {@code licenceNumber TAB name} per holder, sorted by licence number; SHA-256 of the text;</li>
 * <li>inspectors: one line {@code badge TAB conflicts} per inspector (conflicts: the licence numbers, sorted, joined by
 * {@code ,}), sorted by badge; SHA-256 of the text;</li>
 * <li>publication: SHA-256 of {@link #publicationText};</li>
 * <li>seed: SHA-256 of {@code "tongban-draw-seed/1\n" + publication + "\n" + outside value + "\n"};</li>
 * <li>holders ranked by HMAC-SHA256(key = the seed's 32 bytes, {@code "holder\n" + licenceNumber}), ascending hex; the
 * first {@code count} are inspected;</li>
 * <li>for each, in that order, the inspectors ranked by HMAC-SHA256(seed, {@code "inspector\n" + licenceNumber + "\n" +
 * badge}), ascending; those with a declared conflict with that holder skipped; the first two inspect.</li>
 * </ol>
 */
final class DrawAlgorithm {

    static final String FORMAT = "tongban-draw/1";
    static final int INSPECTORS_PER_INSPECTION = 2;

    record Selected(String licenceNumber, List<String> inspectors) {
    }

    private DrawAlgorithm() {
    }

    static List<Holder> canonicalHolders(List<Holder> holders) {
        return holders.stream().sorted(Comparator.comparing(Holder::licenceNumber)).toList();
    }

    static List<Inspector> canonicalInspectors(List<Inspector> inspectors) {
        return inspectors.stream().map(i -> new Inspector(i.badge(), i.conflicts().stream().distinct().sorted().toList()))
                .sorted(Comparator.comparing(Inspector::badge)).toList();
    }

    static String holdersText(List<Holder> canonical) {
        StringBuilder text = new StringBuilder();
        canonical.forEach(h -> text.append(h.licenceNumber()).append('\t').append(h.name()).append('\n'));
        return text.toString();
    }

    static String inspectorsText(List<Inspector> canonical) {
        StringBuilder text = new StringBuilder();
        canonical.forEach(i -> text.append(i.badge()).append('\t').append(String.join(",", i.conflicts())).append('\n'));
        return text.toString();
    }

    static String publicationText(String drawId, String licenceType, String district, Integer sharePercent,
                                  Integer count, String holdersSha256, String inspectorsSha256) {
        return FORMAT + "\n" + "draw " + drawId + "\n" + "licence-type " + licenceType + "\n"
                + "district " + orDash(district) + "\n" + "share-percent " + orDash(sharePercent) + "\n"
                + "count " + orDash(count) + "\n" + "holders " + holdersSha256 + "\n" + "inspectors " + inspectorsSha256 + "\n";
    }

    /** How many of {@code holders} are inspected: the count (at most all), or the share rounded up. */
    static int selectionSize(int holders, Integer sharePercent, Integer count) {
        return count != null ? Math.min(count, holders) : (int) Math.ceil(holders * sharePercent / 100.0);
    }

    static String seed(String publicationSha256, String outsideValue) {
        return sha256("tongban-draw-seed/1\n" + publicationSha256 + "\n" + outsideValue + "\n");
    }

    static List<Selected> select(String seed, List<Holder> holders, List<Inspector> inspectors, int size) {
        byte[] key = HexFormat.of().parseHex(seed);
        List<Holder> ranked = holders.stream()
                .sorted(Comparator.comparing((Holder h) -> hmac(key, "holder\n" + h.licenceNumber()))
                        .thenComparing(Holder::licenceNumber))
                .limit(size).toList();
        List<Selected> selected = new ArrayList<>();
        for (Holder holder : ranked) {
            List<String> two = inspectors.stream().filter(i -> !i.conflicts().contains(holder.licenceNumber()))
                    .sorted(Comparator.comparing((Inspector i) -> hmac(key, "inspector\n" + holder.licenceNumber() + "\n"
                            + i.badge())).thenComparing(Inspector::badge))
                    .limit(INSPECTORS_PER_INSPECTION).map(Inspector::badge).toList();
            selected.add(new Selected(holder.licenceNumber(), two));
        }
        return selected;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
