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

    @Bean
    TokenBuckets verificationRateLimit(VerificationProperties properties) {
        VerificationProperties.RateLimit limit = properties.rateLimit();
        return new TokenBuckets(limit.capacity(), limit.perSecond(), limit.maxClients(), System::nanoTime);
    }
}
