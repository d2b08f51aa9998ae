package tongban.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tongban.archive.Archive;
import tongban.archive.CertificateStatus;
import tongban.identity.DataSharing;
import tongban.identity.SharedData;
import tongban.identity.Subject;
import tongban.identity.SubjectKind;
import tongban.rules.MaterialSpec;
import tongban.rules.RulePacks;
import tongban.rules.ServiceGuide;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * An item's service guide (办事指南), made from its pack as {@code GET /api/v1/items/{item}} is: who may apply, the
 * materials and how each can be satisfied, the trips, fee, time limit with its kind of day, legal basis and the
 * notices one may receive. To a signed-in applicant it also shows what the platform holds for them (实名认证, the
 * e-certificates this item may reuse), and which materials that already covers.
 */
@PageController
class GuidePage {

    private final RulePacks packs;
    private final DataSharing sharing;
    private final Archive archive;
    private final PageTexts texts;

    GuidePage(RulePacks packs, DataSharing sharing, Archive archive, PageTexts texts) {
        this.packs = packs;
        this.sharing = sharing;
        this.archive = archive;
        this.texts = texts;
    }

    /** A material as the guide lists it; {@code held} when the platform holds it for the signed-in applicant. */
    record MaterialLine(String code, String name, String types, List<String> means, boolean held) {
    }

    /** A rule as the guide states it: its message in the page's language (else its sentence) and basis. */
    record RuleLine(String text, String basis, boolean verified) {
    }

    @GetMapping("/items/{item}")
    String guide(@PathVariable String item, Principal login, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        Lang lang = PageTexts.lang(request);
        ServiceItem spec = packs.item(item).orElse(null);
        if (spec == null) {
            return NotFound.page(response);
        }
        ServiceGuide guide = packs.guide(item);
        Subject subject = login == null ? null : sharing.subjectOf(login.getName()).orElse(null);
        Set<String> heldTypes = Set.of();
        if (subject != null) {
            SharedData shared = sharing.read(subject, item, subject.username());
            heldTypes = archive.certificates().listByHolder(subject.id()).stream()
                    .filter(c -> c.status() == CertificateStatus.VALID && shared.certificateTypes().contains(c.type()))
                    .map(c -> c.type()).collect(Collectors.toSet());
            List<String> holds = new ArrayList<>();
            if (subject.kind() == SubjectKind.PERSON) {
                holds.add(texts.message(lang, shared.identityVerified() ? "portal.guide.verified" : "portal.guide.notVerified"));
            }
            // a type by the name of the certificate an item issues, where one does
            heldTypes.forEach(t -> holds.add(texts.message(lang, "portal.guide.holdsCertificate", packs.items().stream()
                    .filter(i -> i.issues().type().equals(t)).map(i -> PageTexts.of(i.issues().name(), lang))
                    .findFirst().orElse(t))));
            model.addAttribute("holds", holds);
        }
        Set<String> held = heldTypes;
        model.addAttribute("item", spec);
        model.addAttribute("itemName", PageTexts.of(spec.name(), lang));
        model.addAttribute("department", PageTexts.of(spec.department().name(), lang));
        model.addAttribute("issues", PageTexts.of(spec.issues().name(), lang));
        model.addAttribute("theme", spec.theme() == null ? null : PageTexts.of(spec.theme().name(), lang));
        model.addAttribute("materials", spec.materials().stream().map(m -> new MaterialLine(m.code(),
                PageTexts.of(m.name(), lang), types(m), m.satisfiedBy().stream().sorted()
                        .map(means -> texts.message(lang, "portal.means." + means.name())).toList(),
                m.satisfiedBy().contains(MaterialSpec.Means.REUSE) && held.contains(m.code()))).toList());
        model.addAttribute("conditions", lines(guide, Set.of("eligibility", "applicability"), lang));
        model.addAttribute("trips", lines(guide, Set.of("visits"), lang));
        model.addAttribute("fee", spec.fee().amount().signum() == 0 ? texts.message(lang, "portal.guide.free")
                : spec.fee().amount().toPlainString() + " " + spec.fee().currency());
        model.addAttribute("timeLimit", texts.message(lang, spec.timeLimit().days() == 0 ? "portal.guide.onTheSpot"
                : "portal.guide.days." + spec.timeLimit().kind(), spec.timeLimit().days()));
        model.addAttribute("legalMaximum", spec.timeLimit().legalMaximum() == null ? null : texts.message(lang,
                "portal.guide.days." + spec.timeLimit().legalMaximum().kind(), spec.timeLimit().legalMaximum().days()));
        model.addAttribute("timeLimitNote", PageTexts.of(spec.timeLimitNote(), lang));
        return "portal/guide";
    }

    /** The accepted media types as an applicant knows them: PDF, JPEG, PNG. */
    static String types(MaterialSpec material) {
        return material.accepts().stream().map(t -> switch (t) {
            case "application/pdf" -> "PDF";
            case "image/jpeg" -> "JPEG";
            case "image/png" -> "PNG";
            default -> t;
        }).collect(Collectors.joining("、"));
    }

    private static List<RuleLine> lines(ServiceGuide guide, Set<String> concerns, Lang lang) {
        return guide.rules().stream().filter(r -> concerns.contains(r.concern()) && r.message() != null)
                .map(r -> new RuleLine(PageTexts.of(r.message(), lang), r.basis(), r.verified())).toList();
    }
}
