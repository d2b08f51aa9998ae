package tongban.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tongban.rules.Decision;
import tongban.rules.Decision.MaterialStatus;
import tongban.rules.MaterialSpec;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Effect;
import tongban.rules.vocabulary.Text;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks notice data and prepares what is made of it: the values the notice template prints (every text
 * about the item from the rule pack, in the chosen language), the JSON file embedded in the PDF and the QR code.
 */
record NoticeContent(String title, Map<String, Object> model, byte[] json, QrCode qrCode) {

    static final String JSON_FORMAT = "tongban-notice-data/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_NAME = 60;
    private static final int MAX_TEXT = 500;
    // how the accepted media types of an upload are printed; an unlisted type is printed as it is
    private static final Map<String, String> FORMATS = Map.of("application/pdf", "PDF", "image/jpeg", "JPEG",
            "image/png", "PNG", "image/*", "图片");

    static NoticeContent of(NoticeData data, NoticeSpec spec, CertificateFonts fonts) {
        return new Checker(data, spec, fonts).check();
    }

    private static final class Checker {
        private final NoticeData data;
        private final NoticeSpec spec;
        private final CertificateFonts fonts;
        private final boolean english;

        Checker(NoticeData data, NoticeSpec spec, CertificateFonts fonts) {
            this.data = data;
            this.spec = spec;
            this.fonts = fonts;
            this.english = data.language() == NoticeData.Language.EN;
        }

        NoticeContent check() {
            String id = required("documentId", data.documentId());
            problem("documentId", DocumentValues.idProblem(id));
            String applicationId = required("applicationId", data.applicationId());
            String number = required("applicationNumber", data.applicationNumber());
            if (!number.matches("[A-Za-z0-9-]{1,40}")) {
                throw new InvalidNoticeData("applicationNumber", "must be 1 to 40 letters, digits or '-'");
            }
            String applicant = printed("applicantName", required("applicantName", data.applicantName()), MAX_NAME);
            ServiceItem item = data.item();
            Decision decision = data.decision();
            if (item == null || decision == null) {
                throw new InvalidNoticeData(item == null ? "item" : "decision", "is required");
            }
            if (!item.code().equals(decision.item())) {
                throw new InvalidNoticeData("decision.item", "'" + decision.item() + "' is not the item '" + item.code() + "'");
            }
            LocalDate issued = data.issueDate();
            if (issued == null) {
                throw new InvalidNoticeData("issueDate", "is required");
            }
            LocalDate resubmitBy = data.resubmitBy();
            if (resubmitBy != null && spec.kind() != NoticeKind.INCOMPLETE) {
                throw new InvalidNoticeData("resubmitBy", "only a notice of an incomplete application has a deadline");
            }
            if (resubmitBy != null && resubmitBy.isBefore(issued)) {
                throw new InvalidNoticeData("resubmitBy", "must not be before issueDate");
            }
            problem("verifyBaseUrl", DocumentValues.verifyBaseProblem(data.verifyBaseUrl(), id));
            String verifyUrl = DocumentValues.verifyUrl(data.verifyBaseUrl(), id);
            Decision.Outcome outcome = decision.outcome();
            Map<String, Object> legal = legal(item, outcome);
            // a refusal is titled and numbered by the decision the item's law makes (不予登记, 不予许可…)
            String title = legal.containsKey("title") ? (String) legal.get("title") : spec.titles().get(outcome);
            String prefix = legal.containsKey("decision") ? (String) legal.get("decision") : spec.numberPrefixes().get(outcome);
            String noticeNumber = prefix + "〔" + issued.getYear() + "〕" + number + "号";

            Map<String, Object> model = new LinkedHashMap<>();
            model.put("documentId", id);
            model.put("title", title);
            model.put("number", noticeNumber);
            model.put("applicationNumber", number);
            model.put("applicant", applicant);
            model.put("item", item(item));
            model.put("department", item.department().name().zh());
            model.put("issueDate", DocumentValues.chinese(issued));
            model.put("applicationDate", DocumentValues.chinese(decision.asOf()));
            model.put("verifyUrl", verifyUrl);
            model.put("ineligible", outcome == Decision.Outcome.INELIGIBLE);
            model.put("notApplicable", outcome == Decision.Outcome.NOT_APPLICABLE);
            model.put("english", english);
            model.put("materials", materials(item, decision));
            model.put("grounds", reasons(decision, false));
            model.put("notes", reasons(decision, true));
            model.put("resubmit", resubmit(resubmitBy));
            model.put("timeLimit", timeLimit(decision, item.timeLimitNote() == null ? ""
                    : text("item.timeLimitNote", item.timeLimitNote())));
            model.put("legal", legal);
            model.put("fee", fee(decision));
            model.put("visits", visits(decision));

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", JSON_FORMAT);
            json.put("documentId", id);
            json.put("kind", spec.kind().name());
            json.put("title", title);
            json.put("number", noticeNumber);
            json.put("applicationId", applicationId);
            json.put("applicationNumber", number);
            json.put("applicant", Map.of("name", applicant));
            json.put("department", Map.of("id", item.department().id(), "name", item.department().name().zh()));
            json.put("issueDate", issued.toString());
            json.put("resubmitBy", resubmitBy == null ? null : resubmitBy.toString());
            json.put("language", english ? "en" : "zh");
            json.put("verifyUrl", verifyUrl);
            json.put("decision", decision);
            return new NoticeContent(title, model, JSON.writeValueAsBytes(json), QrCode.encode(verifyUrl));
        }

        private Map<String, Object> item(ServiceItem item) {
            Map<String, Object> printed = new LinkedHashMap<>();
            printed.put("code", item.code());
            printed.put("name", text("item.name", item.name()));
            printed.put("issues", text("item.issues.name", item.issues().name()));
            List<String> basis = new ArrayList<>();
            for (int i = 0; i < item.legalBasis().size(); i++) {
                basis.add(printed("item.legalBasis[" + i + "]", item.legalBasis().get(i), MAX_TEXT));
            }
            printed.put("legalBasis", basis);
            return printed;
        }

        // Only what the applicant still has to do: every material missing or refused, each with what satisfies it.
        private List<Map<String, Object>> materials(ServiceItem item, Decision decision) {
            List<Map<String, Object>> materials = new ArrayList<>();
            for (int i = 0; i < decision.materials().size(); i++) {
                Decision.MaterialCheck check = decision.materials().get(i);
                if (check.status() != MaterialStatus.MISSING && check.status() != MaterialStatus.REJECTED) {
                    continue;
                }
                String at = "decision.materials[" + i + "]";
                MaterialSpec material = item.material(check.code()).orElseThrow(() -> new InvalidNoticeData(at + ".code",
                        "'" + check.code() + "' is not a material of " + item.code()));
                Map<String, Object> printed = new LinkedHashMap<>();
                printed.put("code", check.code());
                printed.put("name", text(at + ".name", check.name()));
                printed.put("missing", check.status() == MaterialStatus.MISSING);
                printed.put("rejected", check.status() == MaterialStatus.REJECTED);
                printed.put("form", material.satisfiedBy().contains(MaterialSpec.Means.FORM));
                printed.put("reuse", material.satisfiedBy().contains(MaterialSpec.Means.REUSE));
                printed.put("upload", material.satisfiedBy().contains(MaterialSpec.Means.UPLOAD));
                printed.put("commitment", material.satisfiedBy().contains(MaterialSpec.Means.COMMITMENT));
                printed.put("formats", material.accepts().stream().map(type -> FORMATS.getOrDefault(type, type))
                        .collect(Collectors.joining("、")));
                materials.add(printed);
            }
            return materials;
        }

        // The grounds of a refusal are the reasons that decide; INFORMATION reasons are told beside them.
        private List<Map<String, Object>> reasons(Decision decision, boolean information) {
            List<Map<String, Object>> reasons = new ArrayList<>();
            for (int i = 0; i < decision.reasons().size(); i++) {
                Decision.DecisionReason reason = decision.reasons().get(i);
                if ((reason.effect() == Effect.INFORMATION) != information) {
                    continue;
                }
                String at = "decision.reasons[" + i + "]";
                Map<String, Object> printed = new LinkedHashMap<>();
                printed.put("code", reason.code());
                printed.put("message", text(at + ".message", reason.message()));
                printed.put("basis", reason.basis() == null ? "" : printed(at + ".basis", reason.basis(), MAX_TEXT));
                reasons.add(printed);
            }
            return reasons;
        }

        private Map<String, Object> resubmit(LocalDate by) {
            Map<String, Object> resubmit = new LinkedHashMap<>();
            resubmit.put("by", by == null ? "" : DocumentValues.chinese(by));
            resubmit.put("withinWorkingDays", spec.resubmitWithinWorkingDays());
            return resubmit;
        }

        // the note is the pack's: an extension its law allows, or time that is not counted
        private static Map<String, Object> timeLimit(Decision decision, String note) {
            Decision.TimeLimit limit = decision.timeLimit();
            Map<String, Object> printed = new LinkedHashMap<>();
            printed.put("note", note);
            printed.put("days", limit.days());
            printed.put("unit", limit.kind() == Decision.DayKind.WORKING ? "个工作日" : "日");
            printed.put("onTheSpot", limit.days() == 0);
            return printed;
        }

        /**
         * The article this notice is given under, from the item's pack ({@code notices} in item.yaml); for a
         * refusal also the decision it states and the notice's title.
         */
        private Map<String, Object> legal(ServiceItem item, Decision.Outcome outcome) {
            ServiceItem.Notices notices = item.notices();
            if (notices == null) {
                throw new InvalidNoticeData("item.notices", "the rule pack names no legal basis for its notices");
            }
            Map<String, Object> legal = new LinkedHashMap<>();
            ServiceItem.Refusal refusal = switch (outcome) {
                case INELIGIBLE -> notices.ineligible();
                case NOT_APPLICABLE -> notices.notApplicable();
                default -> null;
            };
            if (refusal != null) {
                legal.put("basis", printed("item.notices.refusal.basis", refusal.basis(), MAX_TEXT));
                legal.put("decision", printed("item.notices.refusal.decision", refusal.decision(), MAX_NAME));
                legal.put("title", printed("item.notices.refusal.title", refusal.title(), MAX_NAME));
            } else {
                String basis = outcome == Decision.Outcome.INCOMPLETE ? notices.incomplete() : notices.accepted();
                legal.put("basis", printed("item.notices.basis", basis, MAX_TEXT));
            }
            return legal;
        }

        private static Map<String, Object> fee(Decision decision) {
            Map<String, Object> fee = new LinkedHashMap<>();
            boolean free = decision.fee() == null || decision.fee().amount().signum() == 0;
            fee.put("free", free);
            fee.put("amount", free ? "" : decision.fee().amount().stripTrailingZeros().toPlainString());
            fee.put("currency", free || "CNY".equals(decision.fee().currency()) ? "元" : decision.fee().currency());
            return fee;
        }

        private Map<String, Object> visits(Decision decision) {
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int i = 0; i < decision.visits().steps().size(); i++) {
                Decision.Step step = decision.visits().steps().get(i);
                Map<String, Object> printed = new LinkedHashMap<>();
                printed.put("trip", step.trip());
                printed.put("beforeDecision", step.beforeDecision());
                printed.put("message", text("decision.visits.steps[" + i + "].message", step.message()));
                steps.add(printed);
            }
            List<String> suggestions = new ArrayList<>();
            for (int i = 0; i < decision.visits().suggestions().size(); i++) {
                suggestions.add(text("decision.visits.suggestions[" + i + "].message",
                        decision.visits().suggestions().get(i).message()));
            }
            Map<String, Object> visits = new LinkedHashMap<>();
            visits.put("count", decision.visits().count());
            visits.put("none", decision.visits().count() == 0);
            visits.put("steps", steps);
            visits.put("suggestions", suggestions);
            return visits;
        }

        // The pack's text in the chosen language; Chinese where the pack has no English.
        private String text(String at, Text text) {
            if (text == null || text.zh() == null) {
                throw new InvalidNoticeData(at, "has no text in the rule pack");
            }
            String chosen = english && text.en() != null && !text.en().isBlank() ? text.en() : text.zh();
            return printed(at, chosen.strip(), MAX_TEXT);
        }

        private String printed(String at, String value, int maxLength) {
            problem(at, DocumentValues.printableProblem(value, maxLength, fonts));
            return value;
        }

        private static String required(String at, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidNoticeData(at, "is required");
            }
            return value.strip();
        }

        private static void problem(String at, String problem) {
            if (problem != null) {
                throw new InvalidNoticeData(at, problem);
            }
        }
    }
}
