package tongban.rules;

import java.util.List;
import java.util.Set;
import tongban.rules.vocabulary.Text;

/** A material (材料) of an item: its names, the media types an upload may have, and what can satisfy it. */
public record MaterialSpec(String code, Text name, List<String> accepts, Set<Means> satisfiedBy) {

    /** What can satisfy a material. */
    public enum Means {
        /** the online application form itself */
        FORM,
        /** data the platform holds, when a rule of the pack says so (数据跑) */
        REUSE,
        /** a file of an accepted media type */
        UPLOAD,
        /** the applicant's commitment (告知承诺) */
        COMMITMENT
    }

    /** Whether an upload of this media type is accepted; {@code image/*} accepts every image type. */
    public boolean accepts(String mediaType) {
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        return accepts.stream().anyMatch(a -> a.equals(type)
                || a.endsWith("/*") && type.startsWith(a.substring(0, a.length() - 1)));
    }
}
