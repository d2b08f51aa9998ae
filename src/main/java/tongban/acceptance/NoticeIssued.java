package tongban.acceptance;

import java.util.UUID;

/** A notice (告知文书) was issued for an application that ends, or waits, without a certificate. */
public record NoticeIssued(String actor, UUID documentId, String type, UUID application) implements DocumentIssuance {

    @Override
    public String action() {
        return "NOTICE_ISSUED";
    }
}
