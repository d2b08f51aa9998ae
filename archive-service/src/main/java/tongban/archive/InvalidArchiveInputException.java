package tongban.archive;

/** A command the archive refuses as given: {@link #field()} names the part at fault. Nothing was stored. */
public class InvalidArchiveInputException extends IllegalArgumentException {

    private final String field;

    public InvalidArchiveInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
