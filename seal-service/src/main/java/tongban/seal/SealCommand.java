package tongban.seal;

import java.util.Objects;

/**
 * A request to seal (盖章) a PDF with a department's electronic seal.
 *
 * @param departmentId the sealing department, e.g. {@code shanghai-amr}
 * @param pdf          the document, normally PDF/A-3b from the document service
 * @param position     where the visible seal is drawn
 * @param actor        who asks for the seal (user or system id), written to the audit log
 * @param reason       the signature's reason, e.g. the certificate number; may be {@code null}
 * @param level        the PAdES level, or {@code null} for the configured default
 */
public record SealCommand(String departmentId, byte[] pdf, SealPosition position, String actor, String reason,
                          SealLevel level) {

    public SealCommand {
        Objects.requireNonNull(departmentId, "departmentId");
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(actor, "actor");
    }
}
