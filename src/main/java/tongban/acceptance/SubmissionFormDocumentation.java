package tongban.acceptance;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;

/**
 * Describes the multipart body of {@code POST /api/v1/applications} (and of an officer's
 * {@code POST /api/v1/applications/on-behalf}, with its part {@code applicant}), which the controller reads by hand: the part
 * {@code application} (JSON) and one optional file part per material code of the items served at start-up, so
 * Swagger UI offers a file input for each and the journeys can be tried from it.
 */
@Component
class SubmissionFormDocumentation implements OperationCustomizer {

    private final RulePacks packs;

    SubmissionFormDocumentation(RulePacks packs) {
        this.packs = packs;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean onBehalf = handler.getBeanType() == OfficerController.class
                && handler.getMethod().getName().equals("onBehalf");
        if (!onBehalf && (handler.getBeanType() != AcceptanceController.class
                || !handler.getMethod().getName().equals("submit"))) {
            return operation;
        }
        Schema<Object> application = typed("object")
                .description("The application: `item` (see GET /api/v1/items), `form` and `options` as the item's "
                        + "service guide (GET /api/v1/items/{item}) describes them.")
                .addProperty("item", typed("string")._enum(packs.items().stream().<Object>map(ServiceItem::code).toList()))
                .addProperty("form", typed("object"))
                .addProperty("options", typed("object"));
        application.setRequired(List.of("item"));
        application.setExample(Map.of("item", "individual-business-registration",
                "form", Map.of("businessName", "上海市黄浦区张三便利店", "businessScope", List.of("retail-general"),
                        "premisesAddress", "上海市黄浦区南京东路1号"),
                "options", Map.of()));
        Schema<Object> form = typed("object").addProperty("application", application);
        form.setRequired(onBehalf ? List.of("applicant", "application") : List.of("application"));
        if (onBehalf) {
            // a window submission (线下) names the walk-in applicant the officer identified
            Schema<Object> applicant = typed("object").description("The walk-in applicant: exactly one of `idNumber` "
                            + "(a person) or `creditCode` (an organisation), as the base libraries hold them.")
                    .addProperty("idNumber", typed("string")).addProperty("creditCode", typed("string"));
            applicant.setExample(Map.of("idNumber", "320102199203154514"));
            form.addProperty("applicant", applicant);
        }
        materials().forEach((code, description) -> form.addProperty(code, typed("string").format("binary")
                .description(description)));
        MediaType body = new MediaType().schema(form).addEncoding("application",
                new Encoding().contentType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE));
        if (onBehalf) {
            body.addEncoding("applicant", new Encoding().contentType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE));
        }
        operation.setRequestBody(new RequestBody().required(true)
                .description("multipart/form-data: the part `application` (JSON) and one file part per material, "
                        + "named by the material's code; send only the materials the item asks for.")
                .content(new Content().addMediaType(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
                        body)));
        return operation;
    }

    /** Every material code of the items served, with its name and the items that ask for it. */
    private Map<String, String> materials() {
        Map<String, String> materials = new TreeMap<>();
        for (ServiceItem item : packs.items()) {
            for (MaterialSpec material : item.materials()) {
                materials.merge(material.code(), material.name().zh() + " (" + material.name().en() + "), for "
                        + item.code(), (first, next) -> first + ", " + item.code());
            }
        }
        return materials;
    }

    /** A schema of one JSON type, written for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) alike. */
    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.addType(type);
        return schema;
    }
}
