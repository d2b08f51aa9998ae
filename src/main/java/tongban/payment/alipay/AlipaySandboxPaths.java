package tongban.payment.alipay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Who may call the sandbox's paths: anyone, as anyone may call Alipay; whether anything answers there is the sandbox's. */
@Configuration(proxyBeanMethods = false)
class AlipaySandboxPaths {

    /** No login and no CSRF token of ours: Alipay's callers have neither. When the sandbox is off: 404. */
    @Bean
    @Order(2)
    SecurityFilterChain alipaySandboxChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/sandbox/alipay/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
