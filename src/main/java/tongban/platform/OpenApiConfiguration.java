package tongban.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI: the product's name, the build's version, and the one login the running
 * mode accepts (HTTP Basic with the demo accounts in the embedded default, an OIDC bearer token in production), so
 * the Authorize button signs the journeys' requests.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "demo-basic";
    static final String BEARER = "bearer-jwt";

    @Bean
    OpenAPI tongbanOpenApi(ObjectProvider<BuildProperties> build, @Value("${tongban.security.mode:demo}") String mode) {
        boolean demo = !mode.equals("jwt");
        SecurityScheme scheme = demo
                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Demo accounts of the embedded default (README, \"Demo accounts\"): "
                                + "user zhangsan, password demo-zhangsan; officer / demo-officer …")
                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token of the configured OIDC issuer; roles in the claim "
                                + "tongban.security.role-claim (APPLICANT, POLICY, OFFICER, OPERATOR)");
        String name = demo ? BASIC : BEARER;
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("Tongban (通办) API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description("""
                                One-network government services (一网通办): precheck and apply for a service item \
                                once (multipart: the part `application` with item, form and options, one file part \
                                per material), track the application, download the sealed e-certificates and \
                                notices, verify any certificate. Errors are RFC 9457 problem+json with a stable \
                                `code`. Public endpoints need no login; the others need the role the README's \
                                HTTP API table names.""")
                        .license(new License().name("AGPL-3.0-or-later")
                                .url("https://www.gnu.org/licenses/agpl-3.0.html")))
                .components(new Components().addSecuritySchemes(name, scheme))
                .addSecurityItem(new SecurityRequirement().addList(name));
    }
}
