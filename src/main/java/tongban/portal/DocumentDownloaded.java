package tongban.portal;

import java.util.UUID;
import tongban.audit.Audited;

/** An applicant downloaded a sealed document of their own application from the portal. */
record DocumentDownloaded(String actor, UUID documentId) implements Audited {

    @Override
    public String action() {
        return "DOCUMENT_DOWNLOADED";
    }

    @Override
    public String target() {
        return "document/" + documentId;
    }

    @Override
    public Object detail() {
        return null;
    }
}
