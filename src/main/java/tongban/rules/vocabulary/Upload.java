package tongban.rules.vocabulary;

/** A file the applicant uploaded for a material, with its media type. */
public record Upload(String code, String mediaType) {
}
