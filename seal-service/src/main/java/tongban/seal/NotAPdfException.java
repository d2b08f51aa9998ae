package tongban.seal;

/** The bytes given are not a PDF (no {@code %PDF-} header). Code {@code NOT_A_PDF}. */
public class NotAPdfException extends SealServiceException {

    public NotAPdfException(String message) {
        super("NOT_A_PDF", message);
    }
}
