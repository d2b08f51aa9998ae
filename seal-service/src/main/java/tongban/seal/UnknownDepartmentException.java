package tongban.seal;

/** No seal is registered for the department. Code {@code UNKNOWN_DEPARTMENT}. */
public class UnknownDepartmentException extends SealServiceException {

    public UnknownDepartmentException(String departmentId) {
        super("UNKNOWN_DEPARTMENT", "no seal is registered for department " + departmentId);
    }
}
