package tongban.acceptance;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.archive.DocumentKind;
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
 * department and issued through {@link IssueDocument} like certificates (one per application, so a retry takes the
 * stored one); an officer's refusal after acceptance is one more, under an id of its own ({@link #refusal}).
 */
@Component
class NoticeIssuer {

    private final RenderNotice render;
    private final IssueDocument issuing;
    private final ApplicationStore applications;
    private final PublicBaseUrl publicBaseUrl;

    NoticeIssuer(RenderNotice render, IssueDocument issuing, ApplicationStore applications,
                 PublicBaseUrl publicBaseUrl) {
        this.render = render;
        this.issuing = issuing;
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

    IssueDocument.Issued issue(Row application, ServiceItem item, Decision decision, SharedData shared,
                               LocalDate today, IssueDocument.Filing filing) {
        NoticeKind kind = NoticeKind.of(decision.outcome());
        String type = render.types().get(kind);
        String number = application.id().toString();
        Optional<IssueDocument.Issued> existing = issuing.stored(type, number);
        Row reserved = existing.isPresent() || application.noticeId() != null ? application
                : applications.reserveNotice(application.id(), documentKind(kind));
        UUID id = existing.map(e -> e.record().id()).orElseGet(reserved::noticeId);
        return seal(id, type, application, item, decision, shared, today, filing);
    }

    /**
     * The refusal decision (不予许可决定书) of an accepted application, under its own reserved id (its acceptance notice
     * keeps the notice's): {@code refusal} is a refusal decision carrying the officer's reason.
     */
    IssueDocument.Issued refusal(Row application, UUID id, ServiceItem item, Decision refusal, SharedData shared,
                                 LocalDate today, IssueDocument.Filing filing) {
        return seal(id, render.types().get(NoticeKind.REFUSED), application, item, refusal, shared, today, filing);
    }

    private IssueDocument.Issued seal(UUID id, String type, Row application, ServiceItem item, Decision decision,
                                      SharedData shared, LocalDate today, IssueDocument.Filing filing) {
        String number = application.id().toString();
        return issuing.issue(new IssueDocument.Command(id, DocumentKind.NOTICE, type, number, item.department().id(),
                item.department().name().zh(), shared.subject().id(), Optional.empty(), application.username(),
                "notice " + type + " for application " + application.id(), () -> {
                    NoticeDocument notice = render.render(new NoticeData(id.toString(), number, number,
                            shared.name().isBlank() ? "申请人" : shared.name(), item, decision, today, null,
                            publicBaseUrl.get(), NoticeData.Language.ZH));
                    return new IssueDocument.Rendered(notice.pdf(), notice.seal());
                }, filing));
    }
}
