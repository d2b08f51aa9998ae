package tongban.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tongban.rules.vocabulary.Text;
import tools.jackson.databind.JsonNode;

/**
 * A service item (事项) as declared by its pack's {@code item.yaml}: what it is, who issues what, and
 * every material and form field it may need. The service guide (办事指南) is made from this and the rules.
 * {@code timeLimitNote} tells what the time limit's numbers do not, such as an extension the law allows.
 * {@code theme} groups items on the portal's home page.
 */
public record ServiceItem(
        String code,
        String itemCode,
        Text name,
        Department department,
        List<String> legalBasis,
        IssuedDocument issues,
        Money fee,
        Decision.TimeLimit timeLimit,
        Text timeLimitNote,
        Map<String, FieldSpec> form,
        Map<String, FieldSpec> records,
        List<MaterialSpec> materials,
        Notices notices,
        Theme theme) {

    /** The theme (主题) the portal lists the item under, such as 开办经营; null when the pack names none. */
    public record Theme(String code, Text name) {
    }

    /** The issuing department (发证部门); its {@code id} names its seal. */
    public record Department(String id, Text name) {
    }

    /** The certificate type the item issues, such as {@code business-licence} (营业执照). */
    public record IssuedDocument(String type, Text name) {
    }

    /**
     * The articles the item's notices (告知文书) rest on: acceptance (受理), the one-time list of what is
     * missing (一次性告知), and each kind of refusal with the words of its decision, since a registration is
     * refused (不予登记) under another article than a licence (不予许可) or a permit that is no licence at all.
     */
    public record Notices(String accepted, String incomplete, Refusal ineligible, Refusal notApplicable) {
    }

    /** A refusal notice: its title, the decision it states, and the article it is taken under. */
    public record Refusal(String title, String decision, String basis) {
    }

    /**
     * Which of the applicant's certificates the application rests on: of a type the form names in a
     * {@code certificate} field, only the one it names; of any other type, all. The facts and the issued document both
     * take certificates through this, so they never disagree on which one it was.
     */
    public <C> List<C> named(JsonNode answers, List<C> held, Function<C, String> typeOf, Function<C, String> numberOf) {
        Map<String, String> named = new HashMap<>();
        form.values().stream().filter(f -> f.type() == FieldSpec.Type.CERTIFICATE && answers.path(f.name()).isString())
                .forEach(f -> named.put(f.of(), answers.path(f.name()).asString()));
        return held.stream().filter(c -> named.getOrDefault(typeOf.apply(c), numberOf.apply(c))
                .equals(numberOf.apply(c))).toList();
    }

    public Optional<MaterialSpec> material(String code) {
        return materials.stream().filter(m -> m.code().equals(code)).findFirst();
    }
}
