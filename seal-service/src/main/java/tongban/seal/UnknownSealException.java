package tongban.seal;

/** No seal, current or retired, has this id. Code {@code SEAL_NOT_FOUND}. */
public class UnknownSealException extends SealServiceException {

    public UnknownSealException(String sealId) {
        super("SEAL_NOT_FOUND", "no seal has the id " + sealId);
    }
}
