package tongban.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every page text exists in Chinese and in English, and none is empty. */
class PageMessagesTests {

    @Test
    void everyKeyIsInBothLanguages() throws IOException {
        Properties zh = load("i18n/pages.properties");
        Properties en = load("i18n/pages_en.properties");

        assertThat(en.keySet()).as("keys only in pages.properties (Chinese) or only in pages_en.properties")
                .containsExactlyInAnyOrderElementsOf(zh.keySet());
        zh.forEach((k, v) -> assertThat((String) v).as("zh " + k).isNotBlank());
        en.forEach((k, v) -> assertThat((String) v).as("en " + k).isNotBlank());
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = PageMessagesTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
