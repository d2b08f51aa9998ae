package tongban.acceptance;

import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.documents.NoticeData;
import tongban.documents.NoticeDocument;
import tongban.documents.NoticeKind;
import tongban.documents.RenderNotice;
import tongban.identity.SharedData;
import tongban.platform.PublicBaseUrl;
import tongban.rules.Decision;
import tongban.rules.ServiceItem;

/**
 * Every decision that ends without a certificate becomes a sealed document (行政许可法 第三十二条, 第三十八条):
 * a notice of what is missing, of acceptance, or a refusal with the applicant's remedies. Sealed by the item's
 * department, stored write-once like certificates (one per application, so a retry takes the stored one).
 */
@Component
class NoticeIssuer {

    private final RenderNotice render;
    private final DocumentSealer sealer;
    private final ApplicationStore applications;
    private final PublicBaseUrl publicBaseUrl;

    NoticeIssuer(RenderNotice render, DocumentSealer sealer, ApplicationStore applications,
                 PublicBaseUrl publicBaseUrl) {
        this.render = render;
        this.sealer = sealer;
        this.applications = applications;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The document kind of api.md for a notice kind. */
    static String documentKind(NoticeKind kind) {
        return switch (kind) {
            case INCOMPLETE -> "NOTICE_INCOMPLETE";
            case ACCEPTED -> "NOTICE_ACCEPTED";
            case REFUSED -> "DECISION_REFUSED";
        };
    }

    DocumentSealer.Sealed issue(Row application, ServiceItem item, Decision decision, SharedData shared, LocalDate today) {
        NoticeKind kind = NoticeKind.of(decision.outcome());
        String type = render.types().get(kind);
        String number = application.id().toString();
        Optional<DocumentSealer.Sealed> existing = sealer.stored(type, number);
        if (existing.isPresent()) {
            return existing.get();
        }
        Row reserved = application.noticeId() != null ? application
                : applications.reserveNotice(application.id(), documentKind(kind));
        NoticeDocument notice = render.render(new NoticeData(reserved.noticeId().toString(), number, number,
                shared.name().isBlank() ? "申请人" : shared.name(), item, decision, today, null, publicBaseUrl.get(),
                NoticeData.Language.ZH));
        return sealer.sealAndStore(reserved.noticeId(), type, number, item.department().id(),
                item.department().name().zh(), shared.subject().id(), notice.pdf(), notice.seal(), Optional.empty(),
                application.username(), "notice " + type + " for application " + application.id());
    }
}
