package tongban.seal;

/**
 * A rotation or revocation that cannot be done as asked. Codes: {@code SEAL_AUTHORITY_EXTERNAL} (the seals come from
 * an external CA, which rotates and revokes them), {@code SEAL_ALREADY_REVOKED}, {@code INVALID_REVOCATION_TIME}
 * ({@link #field()} names the field at fault).
 */
public class SealAdministrationException extends SealServiceException {

    private final String field;

    public SealAdministrationException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    /** The command's field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
