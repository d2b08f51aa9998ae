package tongban.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tongban.rules.vocabulary.Text;

/**
 * A service item (事项) as declared by its pack's {@code item.yaml}: what it is, who issues what, and
 * every material and form field it may need. The service guide (办事指南) is made from this and the rules.
 */
public record ServiceItem(
        String code,
        String itemCode,
        Text name,
        Department department,
        List<String> legalBasis,
        IssuedDocument issues,
        Money fee,
        int timeLimitWorkingDays,
        Map<String, FieldSpec> form,
        Map<String, FieldSpec> records,
        List<MaterialSpec> materials) {

    /** The issuing department (发证部门); its {@code id} names its seal. */
    public record Department(String id, Text name) {
    }

    /** The certificate type the item issues, such as {@code business-licence} (营业执照). */
    public record IssuedDocument(String type, Text name) {
    }

    public Optional<MaterialSpec> material(String code) {
        return materials.stream().filter(m -> m.code().equals(code)).findFirst();
    }
}
