package tongban.verification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tongban.identity.IdNumberDigest;
import tongban.seal.VerificationReport.IntegrityCheck;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.SignatureSummary;
import tongban.web.Lang;

/**
 * What the pages show, in the page's language: the verdict in words, the three checks a verifier asks about
 * (document intact, issuer, status), the certificate's particulars and, on demand, the technical details. The
 * templates ({@code templates/verify/}) only lay these out.
 */
@Component
class VerificationPages {

    static final String PAGE = "verify/page";
    static final String CERTIFICATE = "verify/certificate";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    // written by the templates and this class rather than taken from the texts: check marks, separators, digits;
    // and the words browsers write on a file input in Chinese (Chromium's, Firefox's), drawn in the page's font
    static final String TEMPLATE_MARKS = "√×–·—…0123456789" + "选择文件未选择任何文件" + "浏览…未选择文件。";

    private final PageText text = new PageText();
    private final Names names;
    private final ITemplateEngine templates;
    private final long maxMegabytes;

    VerificationPages(Names names, ITemplateEngine templates, VerificationProperties properties) {
        this.names = names;
        this.templates = templates;
        this.maxMegabytes = properties.maxFileSize().toMegabytes();
    }

    /** One line of a definition list. */
    record Field(String label, String value) {
    }

    /** One of the three checks: {@code state} is passed, failed or skipped. */
    record CheckLine(String name, String state, String stateWord, String explanation) {
    }

    /**
     * The verdict and what supports it; {@code outcome} is also the page's machine-readable answer.
     * {@code idNumberCheck} (MATCHES, DOES_NOT_MATCH, NOT_AVAILABLE) and its sentence only when a number was typed.
     */
    record ResultView(String outcome, String word, String sentence, List<CheckLine> checks, List<Field> certificate,
                      List<Field> details, List<List<Field>> signatures, String idNumberCheck,
                      String idNumberSentence) {
    }

    /** The QR landing page: the status of one issued certificate. */
    record StatusView(String status, String word, String sentence, List<Field> certificate, String sha256) {
    }

    /**
     * Every character the pages can show but what a user or an officer typed (a revocation reason): their words in
     * both languages, the names from the packs and seals, ASCII (numbers, hashes, codes) and the marks the templates
     * write themselves. The page font ({@link PageFont}) is cut to these.
     */
    SortedSet<Integer> characters() {
        SortedSet<Integer> characters = new TreeSet<>();
        for (Lang lang : Lang.values()) {
            text.all(lang).values().forEach(value -> value.codePoints().forEach(characters::add));
        }
        names.all().forEach(name -> name.codePoints().forEach(characters::add));
        for (int c = 0x20; c < 0x7F; c++) {
            characters.add(c);
        }
        TEMPLATE_MARKS.codePoints().forEach(characters::add);
        return characters;
    }

    /** The model every page starts from: the words, the language, and the link to the other language. */
    Map<String, Object> model(Lang lang, String path) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("t", text.all(lang));
        model.put("lang", lang.tag());
        model.put("query", lang.query());
        model.put("otherLanguage", path + (lang == Lang.EN ? "" : "?lang=en"));
        model.put("hint", text.get(lang, "form.hint", maxMegabytes));
        return model;
    }

    ResultView result(Verification v, Lang lang) {
        Outcome outcome = Outcome.of(v);
        String sentence = outcome == Outcome.VALID && v.certificate() == null
                ? text.get(lang, "outcome.VALID.document") : text.get(lang, "outcome." + outcome + ".sentence");
        List<Field> particulars = new ArrayList<>();
        if (v.certificate() != null) {
            particulars.addAll(particulars(v.certificate(), lang));
            if (v.holder() != null) {
                particulars.add(1, v.holder().idMasked() != null
                        ? new Field(text.get(lang, "field.holderIdMasked"), v.holder().idMasked())
                        : new Field(text.get(lang, "field.holderCreditCode"), v.holder().id()));
            }
        }
        String idNumberCheck = v.idNumberCheck() == null ? null : v.idNumberCheck().name();
        return new ResultView(outcome.name(), text.get(lang, "outcome." + outcome), sentence, checks(v, lang),
                particulars, details(v, lang), v.signatures().stream().map(s -> signature(s, lang)).toList(),
                idNumberCheck, idNumberCheck == null ? null : text.get(lang, "idNumber." + idNumberCheck));
    }

    StatusView status(CertificateStatusView c, Lang lang) {
        String sentence = switch (c.status()) {
            case "REVOKED" -> text.get(lang, "status.REVOKED.sentence", date(c.statusChangedAt(), lang),
                    c.statusReason() == null ? "" : c.statusReason());
            case "EXPIRED" -> text.get(lang, "status.EXPIRED.sentence", date(c.statusChangedAt(), lang));
            default -> text.get(lang, "status.VALID.sentence");
        };
        return new StatusView(c.status(), text.get(lang, "status." + c.status()), sentence, particulars(c, lang),
                c.sha256());
    }

    /** The error a page shows for a refused upload, by the problem's code. */
    String error(String code, Lang lang) {
        return text.getOr(lang, "error." + code, "error.OTHER");
    }

    /** The upload page, saying the client must wait: what a browser gets on 429. */
    String rateLimited(Lang lang, long seconds) {
        Map<String, Object> model = model(lang, "/verify");
        model.put("error", text.get(lang, "error.RATE_LIMITED", seconds));
        return templates.process(PAGE, new Context(lang.locale(), model));
    }

    private List<CheckLine> checks(Verification v, Lang lang) {
        Verification.Checks c = v.checks();
        List<CheckLine> lines = new ArrayList<>();
        lines.add(intact(c, lang));
        String issuer = c.issuer().department() == null ? "" : names.department(c.issuer().department(), lang);
        lines.add(line(lang, "issuer", c.issuer().result(), c.issuer().code(), issuer));
        String reason = v.certificate() == null || v.certificate().statusReason() == null
                ? "" : v.certificate().statusReason();
        String changed = v.certificate() == null ? "" : date(v.certificate().statusChangedAt(), lang);
        lines.add(line(lang, "status", c.status().result(), c.status().code(), changed, reason));
        return lines;
    }

    // "document intact" is the core's integrity and, for our certificates, the comparison with the archived original
    private CheckLine intact(Verification.Checks c, Lang lang) {
        IntegrityCheck integrity = c.integrity();
        if (integrity.result() != Result.PASSED || c.archive().result() == Result.SKIPPED) {
            return line(lang, "integrity", integrity.result(), integrity.code());
        }
        return line(lang, "integrity", c.archive().result(), c.archive().code());
    }

    private CheckLine line(Lang lang, String check, Result result, String code, Object... args) {
        String state = result.name().toLowerCase();
        return new CheckLine(text.get(lang, "check." + check), state, text.get(lang, "result." + result),
                text.getOr(lang, "code." + check + "." + code, "code." + check + "." + result, args));
    }

    private List<Field> particulars(CertificateStatusView c, Lang lang) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(text.get(lang, "field.type"), names.certificateType(c.type(), lang)));
        fields.add(new Field(text.get(lang, "field.number"), c.number()));
        fields.add(new Field(text.get(lang, "field.issuer"), names.issuer(c.issuer(), lang)));
        fields.add(new Field(text.get(lang, "field.issuedAt"), dateTime(c.issuedAt(), lang)));
        // the registry keeps the instant validity ends; the certificate prints the last day of validity
        fields.add(new Field(text.get(lang, "field.validUntil"), c.validUntil() == null ? text.get(lang, "field.noLimit")
                : date(c.validUntil().minusNanos(1), lang)));
        fields.add(new Field(text.get(lang, "field.status"), text.get(lang, "status." + c.status())));
        if (c.statusReason() != null) {
            fields.add(new Field(text.get(lang, "field.statusReason"), c.statusReason()));
        }
        return fields;
    }

    private List<Field> details(Verification v, Lang lang) {
        Verification.Checks c = v.checks();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(text.get(lang, "detail.verdict"), v.verdict().name()));
        fields.add(new Field(text.get(lang, "detail.etsi"), v.etsi().indication()
                + (v.etsi().subIndication() == null ? "" : " / " + v.etsi().subIndication())));
        fields.add(new Field(text.get(lang, "detail.integrity"), codeAndDetail(c.integrity().code(), c.integrity().detail())));
        fields.add(new Field(text.get(lang, "detail.archive"), codeAndDetail(c.archive().code(), c.archive().detail())));
        fields.add(new Field(text.get(lang, "detail.issuer"), codeAndDetail(c.issuer().code(),
                c.issuer().sealId() != null ? c.issuer().sealId() : c.issuer().detail())));
        fields.add(new Field(text.get(lang, "detail.status"), c.status().code()
                + (c.status().certificateId() == null ? "" : " · " + c.status().certificateId())));
        fields.add(new Field(text.get(lang, "detail.timestamp"), codeAndDetail(c.timestamp().code(),
                c.timestamp().time() != null ? dateTime(c.timestamp().time(), lang) : c.timestamp().detail())));
        if (v.holder() != null && v.holder().idDigest() != null) {
            IdNumberDigest d = v.holder().idDigest();
            fields.add(new Field(text.get(lang, "detail.idDigest"), d.algorithm() + " (m=" + d.memoryKiB() + " KiB, t="
                    + d.iterations() + ", p=" + d.parallelism() + ") · salt " + Base64.getEncoder().encodeToString(d.salt())
                    + " · hash " + Base64.getEncoder().encodeToString(d.hash())));
        }
        fields.add(new Field(text.get(lang, "detail.sha256"), v.document().sha256()));
        fields.add(new Field(text.get(lang, "detail.pages"), Integer.toString(v.document().pages())));
        fields.add(new Field(text.get(lang, "detail.pdfa"), v.document().pdfa() == null ? "—" : v.document().pdfa()));
        return fields;
    }

    private List<Field> signature(SignatureSummary s, Lang lang) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(text.get(lang, "signature.signer"), s.signer()));
        fields.add(new Field(text.get(lang, "signature.signedAt"), s.signedAt() == null ? "—" : dateTime(s.signedAt(), lang)));
        fields.add(new Field(text.get(lang, "signature.level"), s.level()));
        fields.add(new Field(text.get(lang, "signature.coversWholeFile"),
                text.get(lang, s.coversWholeFile() ? "yes" : "no")));
        fields.add(new Field(text.get(lang, "signature.revisionsAfter"), Integer.toString(s.revisionsAfter())));
        if (!s.changesAfter().isEmpty()) {
            fields.add(new Field(text.get(lang, "signature.changesAfter"), String.join("; ", s.changesAfter())));
        }
        return fields;
    }

    private static String codeAndDetail(String code, String detail) {
        return detail == null || detail.isBlank() ? code : code + " — " + detail;
    }

    private String date(Instant instant, Lang lang) {
        return instant == null ? "" : DateTimeFormatter.ofPattern(text.get(lang, "format.date"), lang.locale())
                .format(instant.atZone(BEIJING));
    }

    private String dateTime(Instant instant, Lang lang) {
        return DateTimeFormatter.ofPattern(text.get(lang, "format.dateTime"), lang.locale()).format(instant.atZone(BEIJING));
    }
}
