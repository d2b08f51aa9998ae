package tongban.rules;

/** One problem in a rule pack, located for the policy officer who must fix it. */
public record PackError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message;
    }
}
