package tongban.rules;

/**
 * One problem in a rule pack, located for the policy officer who must fix it. {@code syntax} marks errors that
 * stop the file from being read at all, so nothing later can be checked in it.
 */
public record PackError(String file, int line, int column, String message, boolean syntax) {

    public PackError(String file, int line, int column, String message) {
        this(file, line, column, message, false);
    }

    @Override
    public String toString() {
        return file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message;
    }
}
