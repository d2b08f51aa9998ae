package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import tongban.support.Fixtures;
import tongban.support.Http;
import tongban.support.Multipart;

/**
 * The pages bring their own font — Noto Sans SC cut to their characters, under the OFL, allowed by the strict CSP —
 * and every character of every page, in both languages and whatever the verdict, is in it.
 */
class PageFontTests extends IssuedCertificateTestBase {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ATTRIBUTE_TEXT = Pattern.compile("(?:placeholder|aria-label|title|value)=\"([^\"]*)\"");

    @Test
    void everyCharacterOfEveryPageIsInTheServedFont() throws IOException {
        Certificates.Issued issued = certificates.issue();
        Certificates.Issued revoked = certificates.issue();
        certificates.revoke(revoked.id(), "吊销");
        Set<Integer> shown = new TreeSet<>();
        for (String lang : new String[] {"", "?lang=en"}) {
            shown.addAll(characters(http.get("/verify" + lang, null).body()));
            shown.addAll(characters(http.get("/verify/" + issued.id() + lang, null).body()));
            shown.addAll(characters(http.get("/verify/" + java.util.UUID.randomUUID() + lang, null).body()));
            shown.addAll(characters(post("/verify" + lang, issued.pdf(), "310101198503121236")));
            shown.addAll(characters(post("/verify" + lang, revoked.pdf(), "320102199203154514")));
            shown.addAll(characters(post("/verify" + lang, Revisions.pageContentChanged(issued.pdf()), null)));
            shown.addAll(characters(post("/verify" + lang, Fixtures.pdf("营业执照"), "12")));
            shown.addAll(characters(post("/verify" + lang, Fixtures.pdf("营业执照"), null)));
            shown.addAll(characters(post("/verify" + lang, Fixtures.jpeg(), null)));
        }
        // the reason an officer typed is the one thing on the page the font cannot know in advance
        "吊销".codePoints().forEach(shown::remove);

        CmapLookup font = servedFont();

        assertThat(shown).hasSizeGreaterThan(200);
        assertThat(shown.stream().filter(c -> font.getGlyphId(c) == 0).map(Character::toString).toList())
                .as("characters of the pages missing from /verify/verify-font.ttf").isEmpty();
    }

    @Test
    void theFontIsServedUnderTheStrictPolicyWithItsLicenceAndIsSmall() {
        Http.Response page = http.get("/verify", null);
        Http.Response css = http.get(VerificationPageController.STYLESHEET, null);
        Http.Response font = http.get(PageFont.PATH, null);
        Http.Response licence = http.get(PageFont.LICENCE_PATH, null);

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("font-src 'self'")
                .contains("default-src 'none'");
        assertThat(css.body()).contains("@font-face").contains("url(\"" + PageFont.PATH + "\")")
                .contains("font-family: \"" + PageFont.FAMILY + "\"");
        assertThat(font.status()).isEqualTo(200);
        assertThat(font.contentType()).isEqualTo("font/ttf");
        assertThat(font.bytes().length).as("bytes").isBetween(20_000, 400_000);
        assertThat(font.headers().firstValue("ETag")).isPresent();
        assertThat(http.withHeader("GET", PageFont.PATH, "If-None-Match", font.headers().firstValue("ETag").orElseThrow(),
                java.net.http.HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(304);
        assertThat(licence.status()).isEqualTo(200);
        assertThat(licence.body()).contains("SIL OPEN FONT LICENSE Version 1.1");
    }

    private String post(String path, byte[] pdf, String idNumber) {
        Multipart body = new Multipart().file("file", "d.pdf", "application/pdf", pdf);
        return http.postMultipart(path, idNumber == null ? body : body.text("idNumber", idNumber), null, null).body();
    }

    /** The characters a reader sees: the text between the tags and in the attributes shown, entities decoded. */
    static Set<Integer> characters(String html) {
        Set<Integer> characters = new TreeSet<>();
        String body = html.replaceAll("(?s)<!--.*?-->", "");
        Matcher attributes = ATTRIBUTE_TEXT.matcher(body);
        while (attributes.find()) {
            HtmlUtils.htmlUnescape(attributes.group(1)).codePoints().forEach(characters::add);
        }
        HtmlUtils.htmlUnescape(TAG.matcher(body).replaceAll(" ")).codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != 0xA0).forEach(characters::add);
        return characters;
    }

    private CmapLookup servedFont() throws IOException {
        return parse(http.get(PageFont.PATH, null).bytes());
    }

    static CmapLookup parse(byte[] ttf) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf));
        return font.getUnicodeCmapLookup();
    }
}
