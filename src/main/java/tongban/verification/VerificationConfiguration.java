package tongban.verification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerificationProperties.class)
class VerificationConfiguration {

    @Bean(destroyMethod = "close")
    VerificationSlots verificationSlots(VerificationProperties properties) {
        return new VerificationSlots(properties.slots(), properties.admissionWait(), properties.timeout());
    }

    // named so, it replaces Spring MVC's default (Accept-Language only), which sent the Chinese page as "en"
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }
}
