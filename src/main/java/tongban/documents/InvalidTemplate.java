package tongban.documents;

/** A template under templates/ cannot be loaded or rendered: the message names the file and the fault. */
public class InvalidTemplate extends RuntimeException {

    InvalidTemplate(String message) {
        super(message);
    }

    InvalidTemplate(String message, Throwable cause) {
        super(message, cause);
    }
}
