package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** A notice (告知文书) was issued for an application that ends, or waits, without a certificate. */
public record NoticeIssued(String actor, UUID documentId, String type, UUID application) implements Audited {

    @Override
    public String action() {
        return "NOTICE_ISSUED";
    }

    @Override
    public String target() {
        return "document/" + documentId;
    }

    @Override
    public Object detail() {
        return Map.of("application", application.toString(), "type", type);
    }
}
