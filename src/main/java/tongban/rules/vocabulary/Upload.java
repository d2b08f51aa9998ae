package tongban.rules.vocabulary;

/**
 * A file the applicant uploaded for a material, with its media type; {@code rejected} when the materials
 * inspector refused it (encrypted, malformed, disguised…) whatever its type.
 */
public record Upload(String code, String mediaType, boolean rejected) {
}
