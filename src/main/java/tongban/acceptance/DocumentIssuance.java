package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/** What the events of an issued sealed document share: its target and detail in the audit log. */
interface DocumentIssuance extends Audited {

    UUID documentId();

    String type();

    UUID application();

    @Override
    default String target() {
        return "document/" + documentId();
    }

    @Override
    default Object detail() {
        return Map.of("application", application().toString(), "type", type());
    }
}
