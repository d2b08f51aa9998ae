package tongban.seal.verification;

/** The bytes break the PDF syntax or a limit the verifier enforces; verification reports it, never crashes. */
final class MalformedPdfException extends Exception {

    MalformedPdfException(String message) {
        super(message, null, false, false);
    }
}
