package tongban.materials;

/**
 * The inspector's verdict on one uploaded material (材料).
 *
 * @param material     the material code the file was sent for
 * @param filename     the file name the client gave, or null
 * @param declaredType the Content-Type the client gave, or null
 * @param detectedType the real media type, from the bytes; null when the file was refused before detection
 *                     (empty, too large, busy, timed out)
 * @param size         the size in bytes
 * @param sha256       SHA-256 of the bytes, lower-case hex, for every file, accepted or not
 * @param verdict      accepted or rejected
 * @param code         why it was rejected; null when accepted
 * @param detail       one sentence for the applicant, in English
 */
public record InspectedMaterial(String material, String filename, String declaredType, String detectedType,
                                long size, String sha256, Verdict verdict, RejectionCode code, String detail) {

    /** Whether the material may take the file. */
    public enum Verdict { ACCEPTED, REJECTED }

    /** Whether the verdict is {@link Verdict#ACCEPTED}. */
    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }
}
