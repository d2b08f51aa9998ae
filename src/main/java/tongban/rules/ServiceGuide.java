package tongban.rules;

import java.util.List;
import tongban.rules.vocabulary.Text;

/**
 * The service guide (办事指南) of an item, made from its pack: the item as declared (each form field with its
 * limits), every rule with its legal basis, grouped by the file (concern) it stands in, and what every text
 * field may hold ({@code textFields}). Nothing is written twice.
 */
public record ServiceGuide(ServiceItem item, String packVersion, List<GuideRule> rules, Text textFields) {

    /** One rule as an applicant reads it: the sentence that names it, what it finds, why. */
    public record GuideRule(String concern, String rule, String finding, String code, String material, String basis,
                            Text message) {
    }
}
