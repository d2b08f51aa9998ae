package tongban.identity;

/**
 * Whom a login acts as (办事主体): a person by resident ID number or an organisation by unified social credit code.
 * {@code toString} masks the id, so a subject can be logged.
 */
public record Subject(String username, SubjectKind kind, String id) {

    /** The id as shown outside its own library: a resident ID's birth date and serial, a credit code's middle hidden. */
    public String maskedId() {
        return kind == SubjectKind.PERSON && id.length() == 18 ? ResidentIdNumber.mask(id)
                : id.substring(0, Math.min(8, id.length())) + "******" + id.substring(Math.max(8, id.length() - 4));
    }

    @Override
    public String toString() {
        return username + "(" + kind + " " + (id.length() == 18 ? ResidentIdNumber.mask(id) : "*") + ")";
    }
}
