package tongban.documents;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tongban.rules.PrintableCharacters;

/** The document service (certificates and notices), reading its templates from {@code tongban.templates.dir} (default {@code templates}). */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    @Bean
    RenderCertificate renderCertificate(@Value("${tongban.templates.dir:templates}") Path templates) {
        return new RenderCertificate(templates);
    }

    /** What the rules let a text field hold: the characters of the certificate font. */
    @Bean
    PrintableCharacters printableCharacters(@Value("${tongban.templates.dir:templates}") Path templates) {
        return CertificateFonts.printableIn(templates);
    }

    @Bean
    RenderNotice renderNotice(@Value("${tongban.templates.dir:templates}") Path templates) {
        return new RenderNotice(templates);
    }
}
