package tongban.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tongban.rules.FieldSpec;
import tongban.rules.FieldSpec.Choice;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Text;

/**
 * The application form's answers as typed become the evaluate body's form, every field type included: a label typed
 * into a search stands for its code, a number is checked, an unanswered required field is a problem only when the
 * form is to be complete; and each kind of list is drawn as it should be for its length.
 */
class AnswersTests {

    private static final List<Choice> THREE = choices(3);
    private static final ServiceItem ITEM = new ServiceItem("test-item", null, new Text("测试", "Test"),
            new ServiceItem.Department("d", new Text("部门", "Department")), List.of("法"), null, null, null, null,
            fields(new FieldSpec("name", FieldSpec.Type.TEXT, true, List.of(), null, null, new Text("名称", "Name"), 5),
                    new FieldSpec("count", FieldSpec.Type.INTEGER, false, List.of(), BigDecimal.ZERO, null, new Text("数量", "Count"), null),
                    new FieldSpec("area", FieldSpec.Type.DECIMAL, false, List.of(), null, BigDecimal.ZERO, new Text("面积", "Area"), null),
                    new FieldSpec("kind", FieldSpec.Type.CHOICE, true, THREE, null, null, new Text("类型", "Kind"), null),
                    new FieldSpec("scope", FieldSpec.Type.LIST, false, choices(50), null, null, new Text("范围", "Scope"), null),
                    new FieldSpec("agent", FieldSpec.Type.FLAG, false, List.of(), null, null, new Text("代理", "Agent"), null)),
            Map.of(), List.of(), null, null);

    @Test
    void everyFieldTypeBecomesItsJsonValueAndLabelsStandForTheirCodes() {
        Answers answers = new Answers(Map.of("name", List.of("张三店"), "count", List.of("3"), "area", List.of("12,5"),
                "kind", List.of("选项1"), "scope", List.of("c2", "Choice 40"), "agent", List.of("true")), true, "POST");

        Answers.Form form = answers.form(ITEM, true);

        assertThat(form.problems()).isEmpty();
        assertThat(form.json().toString()).isEqualTo(
                "{\"name\":\"张三店\",\"count\":3,\"area\":12.5,\"kind\":\"c1\",\"scope\":[\"c2\",\"c40\"],\"agent\":true}");
        assertThat(answers.options().toString()).isEqualTo("{\"commitment\":true,\"delivery\":\"POST\"}");
    }

    @Test
    void badAnswersAreProblemsOfTheirFieldsAndRequiredOnesOnlyWhenComplete() {
        Answers answers = new Answers(Map.of("name", List.of("<b>长文本</b>"), "count", List.of("2.5"),
                "area", List.of("<i>"), "scope", List.of("<script>")), false, "nowhere");

        assertThat(answers.form(ITEM, true).problems()).extracting(Answers.Problem::field, Answers.Problem::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("name", "portal.error.tooLong"),
                        org.assertj.core.groups.Tuple.tuple("count", "portal.error.wholeNumber"),
                        org.assertj.core.groups.Tuple.tuple("area", "portal.error.number"),
                        org.assertj.core.groups.Tuple.tuple("kind", "portal.error.choose"),
                        org.assertj.core.groups.Tuple.tuple("scope", "portal.error.notInList"));
        assertThat(answers.form(ITEM, false).problems()).extracting(Answers.Problem::field)
                .containsExactly("name", "count", "area", "scope");
        assertThat(answers.delivery()).as("an unknown delivery is the default").isEqualTo("ONLINE");
    }

    @Test
    void aFewChoicesAreRadiosMoreASelectAndVeryManyASearch() {
        assertThat(FieldView.kindOf(choice(FieldSpec.Type.CHOICE, 3))).isEqualTo(FieldView.Kind.RADIOS);
        assertThat(FieldView.kindOf(choice(FieldSpec.Type.CHOICE, 20))).isEqualTo(FieldView.Kind.SELECT);
        assertThat(FieldView.kindOf(choice(FieldSpec.Type.CHOICE, 300))).isEqualTo(FieldView.Kind.SEARCH);
        assertThat(FieldView.kindOf(choice(FieldSpec.Type.LIST, 7))).isEqualTo(FieldView.Kind.CHECKBOXES);
        assertThat(FieldView.kindOf(choice(FieldSpec.Type.LIST, 300))).isEqualTo(FieldView.Kind.SEARCH_LIST);
    }

    @Test
    void aCertificateFieldOffersTheLicencesHeldAndIsTypedWhenNoneIs() {
        FieldSpec licence = new FieldSpec("licence", FieldSpec.Type.CERTIFICATE, true, List.of(), null, null,
                new tongban.rules.vocabulary.Text("营业执照", "Business licence"), FieldSpec.CERTIFICATE_NUMBER_LENGTH,
                "business-licence");
        Answers answers = new Answers(Map.of("licence", List.of("92310101MA0000170C")), false, "ONLINE");

        FieldView held = FieldView.of(licence, answers, null, tongban.web.Lang.ZH,
                List.of(new tongban.acceptance.HeldCertificates.Choice("92310101MA00001899", "上海市黄浦区张三便利店"),
                        new tongban.acceptance.HeldCertificates.Choice("92310101MA0000170C", null)));
        FieldView none = FieldView.of(licence, answers, null, tongban.web.Lang.ZH, List.of());

        assertThat(held.kind()).isEqualTo(FieldView.Kind.RADIOS);
        assertThat(held.selected()).extracting(FieldView.Option::code).containsExactly("92310101MA0000170C");
        assertThat(held.options()).extracting(FieldView.Option::label)
                .containsExactly("上海市黄浦区张三便利店 · 92310101MA00001899", "92310101MA0000170C");
        assertThat(none.kind()).isEqualTo(FieldView.Kind.TEXT);
        assertThat(none.value()).isEqualTo("92310101MA0000170C");
    }

    @Test
    void aLongListShowsItsChosenValuesAndKeepsWhatWasTypedThatMatchesNone() {
        FieldSpec scope = ITEM.form().get("scope");
        Answers answers = new Answers(Map.of("scope", List.of("c7", "<img src=x>")), false, "ONLINE");

        FieldView view = FieldView.of(scope, answers, null, tongban.web.Lang.ZH);

        assertThat(view.selected()).extracting(FieldView.Option::code).containsExactly("c7");
        assertThat(view.value()).isEqualTo("<img src=x>");
        assertThat(view.options()).hasSize(50);
    }

    @Test
    void thePostalAddressIsKeptAsTypedAndSentOnlyForDeliveryByPost() {
        Map<String, String[]> posted = Map.of("delivery", new String[] {"POST"},
                "postal.recipient", new String[] {" <b>李四</b> "}, "postal.phone", new String[] {"13900139000"},
                "postal.address", new String[] {""});

        Answers post = Answers.of(ITEM, posted);
        Answers online = new Answers(post.fields(), false, "ONLINE", post.postal());

        assertThat(post.postal()).containsOnly(Map.entry("recipient", "<b>李四</b>"),
                Map.entry("phone", "13900139000"));
        assertThat(post.postalJson().toString())
                .isEqualTo("{\"recipient\":\"<b>李四</b>\",\"phone\":\"13900139000\",\"address\":\"\"}");
        assertThat(online.postalJson()).isNull();
        assertThat(tongban.acceptance.PostalAddress.faults(post.postal("recipient"), post.postal("phone"),
                post.postal("address"))).containsExactly("address");
        assertThat(tongban.acceptance.PostalAddress.faults("", "123", "上海")).containsExactly("recipient", "phone",
                "address");
    }

    private static FieldSpec choice(FieldSpec.Type type, int n) {
        return new FieldSpec("f", type, false, choices(n), null, null, new Text("字段", "Field"), null);
    }

    private static List<Choice> choices(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Choice("c" + i, new Text("选项" + i, "Choice " + i))).toList();
    }

    private static Map<String, FieldSpec> fields(FieldSpec... specs) {
        Map<String, FieldSpec> fields = new java.util.LinkedHashMap<>();
        for (FieldSpec f : specs) {
            fields.put(f.name(), f);
        }
        return fields;
    }
}
