package tongban.identity;

/**
 * Whom a login acts as (办事主体): a person by resident ID number or an organisation by unified social credit code.
 * {@code toString} masks the id, so a subject can be logged.
 */
public record Subject(String username, SubjectKind kind, String id) {

    @Override
    public String toString() {
        return username + "(" + kind + " " + (id.length() == 18 ? ResidentIdNumber.mask(id) : "*") + ")";
    }
}
