package tongban.acceptance;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tongban.identity.DataSharing;
import tongban.identity.Subject;
import tongban.platform.ApiProblem;

/** Who the logged-in caller applies as; a login without a subject (staff) cannot apply. */
@Component
public class Applicants {

    private final DataSharing sharing;

    Applicants(DataSharing sharing) {
        this.sharing = sharing;
    }

    public Subject of(Authentication login) {
        return sharing.subjectOf(login.getName()).orElseThrow(() -> new ApiProblem(HttpStatus.FORBIDDEN,
                "NOT_AN_APPLICANT", "this login acts for no person or organisation"));
    }
}
