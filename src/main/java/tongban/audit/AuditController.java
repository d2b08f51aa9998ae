package tongban.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators read the audit log. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    List<AuditLog.Entry> recent(@RequestParam(defaultValue = "100") int limit,
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String target) {
        return audit.recent(limit, action, target);
    }
}
