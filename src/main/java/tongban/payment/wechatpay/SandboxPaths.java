package tongban.payment.wechatpay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sandbox's paths ({@code /sandbox/wechatpay/**}) are open to anyone: the sandbox checks the merchant's signature
 * itself, and its payer's page is a demo. Where the sandbox is off ({@code prod}, or a merchant configured) the same
 * chain lets them through to no handler, so they answer 404 to anyone, never 401.
 */
@Configuration(proxyBeanMethods = false)
class SandboxPaths {

    @Bean
    @Order(2)
    SecurityFilterChain wechatPaySandboxPaths(HttpSecurity http) throws Exception {
        http.securityMatcher(WechatPaySandbox.BASE + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
