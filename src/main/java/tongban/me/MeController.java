package tongban.me;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tongban.acceptance.Applicants;
import tongban.identity.DataAccessLog;
import tongban.identity.DataSharing;
import tongban.identity.Held;
import tongban.identity.Subject;
import tongban.identity.SubjectKind;
import tongban.platform.Paging;
import tongban.rules.vocabulary.Text;

/** The signed-in applicant's own record: who they are, what the base libraries hold, who read it. */
@RestController
class MeController {

    private final Applicants applicants;
    private final DataSharing sharing;
    private final DataAccessLog accessLog;
    private final Readers readers;

    MeController(Applicants applicants, DataSharing sharing, DataAccessLog accessLog, Readers readers) {
        this.applicants = applicants;
        this.sharing = sharing;
        this.accessLog = accessLog;
        this.readers = readers;
    }

    /** The subject: kind (PERSON, ORGANISATION), name, masked ID and what the base libraries hold. */
    record Me(String username, SubjectKind kind, String name, String maskedId, List<Held> held) {

        static Me of(Subject subject, List<Held> held) {
            String name = held.stream().filter(h -> h.field().equals("name")).map(h -> String.valueOf(h.value()))
                    .findFirst().orElse("");
            return new Me(subject.username(), subject.kind(), name, subject.maskedId(), held);
        }
    }

    /** One read of the subject's data: when, by whom (login and department), for which item, application, purpose. */
    record Access(Instant at, String actor, Text department, String item, Text itemName, UUID applicationId,
                  String purpose, List<String> fields) {
    }

    @GetMapping("/api/v1/me")
    Me me(Authentication login) {
        Subject subject = applicants.of(login);
        return Me.of(subject, sharing.heldAbout(subject));
    }

    @GetMapping("/api/v1/me/data-access")
    ResponseEntity<List<Access>> dataAccess(@RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size, Authentication login) {
        Paging paging = Paging.of(page, size);
        Subject subject = applicants.of(login);
        List<Access> entries = accessLog.of(subject.id(), paging.offset(), paging.size()).stream()
                .map(this::access).toList();
        return paging.response(entries, accessLog.count(subject.id()), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    Access access(DataAccessLog.Entry e) {
        return new Access(e.at(), e.actor(), readers.department(e), e.item(), readers.item(e.item()), e.applicationId(),
                e.purpose(), e.fields());
    }
}
