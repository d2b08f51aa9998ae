package tongban.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    // named so, it replaces Spring MVC's default (Accept-Language only), which sent the Chinese page as "en"
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }
}
