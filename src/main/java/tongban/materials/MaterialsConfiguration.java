package tongban.materials;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The materials inspector with its limits from {@code tongban.materials.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaterialsProperties.class)
class MaterialsConfiguration {

    @Bean(destroyMethod = "close")
    MaterialsInspector materialsInspector(MaterialsProperties properties) {
        return new MaterialsInspector(properties.limits());
    }
}
