package tongban.verification;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerificationProperties.class)
class VerificationConfiguration {

    @Bean(destroyMethod = "close")
    VerificationSlots verificationSlots(VerificationProperties properties) {
        return new VerificationSlots(properties.slots(), properties.admissionWait(), properties.timeout());
    }
}
