package tongban.documents;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document service (certificates and notices), reading its templates from {@code tongban.templates.dir} (default {@code templates}). */
@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {

    @Bean
    RenderCertificate renderCertificate(@Value("${tongban.templates.dir:templates}") Path templates) {
        return new RenderCertificate(templates);
    }

    @Bean
    RenderNotice renderNotice(@Value("${tongban.templates.dir:templates}") Path templates) {
        return new RenderNotice(templates);
    }
}
