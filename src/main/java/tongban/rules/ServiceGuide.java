package tongban.rules;

import java.util.List;
import tongban.rules.vocabulary.Text;

/**
 * The service guide (办事指南) of an item, made from its pack: the item as declared (each form field with its
 * limits), every rule with its legal basis and whether that basis is verified, grouped by the file (concern) it
 * stands in, and what every text field may hold ({@code textFields}). Nothing is written twice.
 */
public record ServiceGuide(ServiceItem item, String packVersion, List<GuideRule> rules, Text textFields) {

    /**
     * One rule as an applicant reads it: the sentence that names it, what it finds, why ({@code basis}), where
     * that text was read ({@code source}), and whether the basis was checked against the law's full text
     * ({@code verified} false: cited, but not yet confirmed).
     */
    public record GuideRule(String concern, String rule, String finding, String code, String material, String basis,
                            String source, boolean verified, Text message) {
    }
}
