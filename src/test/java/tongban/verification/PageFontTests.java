package tongban.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
        certificates.revoke(revoked.id(), REASON);
        List<String> pages = new ArrayList<>();
        for (String lang : new String[] {"", "?lang=en"}) {
            pages.add(http.get("/verify" + lang, null).body());
            pages.add(http.get("/verify/" + issued.id() + lang, null).body());
            pages.add(http.get("/verify/" + revoked.id() + lang, null).body());
            pages.add(http.get("/verify/" + java.util.UUID.randomUUID() + lang, null).body());
            pages.add(post("/verify" + lang, issued.pdf(), "310101198503121236"));
            pages.add(post("/verify" + lang, revoked.pdf(), "320102199203154514"));
            pages.add(post("/verify" + lang, Revisions.pageContentChanged(issued.pdf()), null));
            pages.add(post("/verify" + lang, Fixtures.pdf("营业执照"), "12"));
            pages.add(post("/verify" + lang, Fixtures.pdf("营业执照"), null));
            pages.add(post("/verify" + lang, Fixtures.jpeg(), null));
        }

        Set<Integer> shown = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String page : pages) {
            Set<Integer> characters = characters(page);
            shown.addAll(characters);
            List<CmapLookup> fonts = fontsOf(page);
            characters.stream().filter(c -> fonts.stream().allMatch(f -> f.getGlyphId(c) == 0))
                    .map(Character::toString).forEach(missing::add);
        }

        assertThat(shown).hasSizeGreaterThan(200).contains((int) '依');
        assertThat(missing).as("characters of the pages missing from their fonts").isEmpty();
        assertThat(pages.stream().filter(p -> p.contains(PageFont.EXTRA_CSS))).as("the revoked one's pages").hasSize(4);
    }

    @Test
    void aSecondCutIsMadeOnlyOfCharactersThePageFontLacksAndNotoHasAtMostAHundred() throws IOException {
        Http.Response css = http.get(PageFont.EXTRA_CSS + "?c=" + encode("依法\"}<x>丂" + "A"), null);
        Http.Response many = http.get(PageFont.EXTRA_PATH + "?c=" + encode(GB2312_SAMPLE.repeat(3)), null);

        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.body()).as("依 only: 法 and ASCII are in the page font, 丂 in no font of ours").contains("unicode-range: U+4F9D;").doesNotContain("<x>").doesNotContain("\"}");
        assertThat(http.get(PageFont.EXTRA_PATH + "?c=" + encode("丂<>"), null).status()).as("nothing it has").isEqualTo(404);
        CmapLookup font = parse(many.bytes());
        assertThat(GB2312_SAMPLE.codePoints().filter(c -> font.getGlyphId(c) != 0).count()).isEqualTo(100);
    }

    private static final String REASON = "营业执照被依法吊销";
    // more than a hundred characters of GB 2312
    private static final String GB2312_SAMPLE = "琴琵琶瑟瑞瑰瑶璃璧瓜瓢瓣瓦瓶瓷甄甘甜甥甩甫甭畏畔畜略畦番畴畸疆疏疑疗疙疚疟疤疫疮疯疲疹疼疾痊痒痕痘痛痢痪痰痴瘟瘦瘩瘪瘫瘸瘾癌癣癫皂皇皓皖皱皿盂盅盆盈盏盐盒盔盖盗盘盛盟睁睛睡督睦睫睬睹瞄瞎瞒瞧瞪瞬瞳瞻矗矛矢矣矩矫矮矾矿砂砌砍砖砚砧砸砾";

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

    /** The page font and, when the page links one, its second cut. */
    private List<CmapLookup> fontsOf(String page) throws IOException {
        return fontsOf(http, page);
    }

    static List<CmapLookup> fontsOf(Http http, String page) throws IOException {
        List<CmapLookup> fonts = new ArrayList<>(List.of(parse(http.get(PageFont.PATH, null).bytes())));
        Matcher link = Pattern.compile("href=\"(" + Pattern.quote(PageFont.EXTRA_CSS) + "[^\"]*)\"").matcher(page);
        if (link.find()) {
            String css = http.get(HtmlUtils.htmlUnescape(link.group(1)), null).body();
            Matcher url = Pattern.compile("url\\(\"([^\"]+)\"\\)").matcher(css);
            assertThat(url.find()).as(css).isTrue();
            Http.Response extra = http.get(url.group(1), null);
            assertThat(extra.status()).isEqualTo(200);
            fonts.add(parse(extra.bytes()));
        }
        return fonts;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static CmapLookup parse(byte[] ttf) throws IOException {
        TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(ttf));
        return font.getUnicodeCmapLookup();
    }
}
