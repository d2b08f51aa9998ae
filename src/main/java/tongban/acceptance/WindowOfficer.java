package tongban.acceptance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tongban.acceptance.ApplicationStore.Row;
import tongban.acceptance.ApplicationView.MaterialView;
import tongban.archive.Archive;
import tongban.identity.CreditCode;
import tongban.identity.DataSharing;
import tongban.identity.ResidentIdNumber;
import tongban.identity.Subject;
import tongban.identity.SubjectKind;
import tongban.platform.Json;
import tongban.platform.Reason;
import tongban.rules.Decision;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.rules.vocabulary.Text;
import tongban.rules.vocabulary.Visit;
import tools.jackson.databind.JsonNode;

/**
 * The window officer's work (窗口人员): the district's queue of applications waiting for an in-person step, an
 * application as the officer sees it, the in-person check (现场核验), completing an application once its check passed,
 * and a window submission (线下受理) for a walk-in applicant through the same {@link SubmitApplication}. An officer
 * acts only within their district: any other district's application is "not found". Every read and act is audited.
 */
@Component
class WindowOfficer {

    /** The officer acting and the district they serve (from the login). */
    record Officer(String name, String district) {
    }

    record QueueCommand(Officer officer, String item, int page, int size) {
    }

    /** {@code key} (optional): the same key again is the check already recorded, not another visit. */
    record CheckCommand(Officer officer, UUID application, String key, String step, String checked, CheckResult result) {
    }

    /** A walk-in identified at the window by exactly one of a resident ID number or a credit code. */
    record OnBehalfCommand(Officer officer, String idNumber, String creditCode, String idempotencyKey,
                           SubmitApplication.Application application, List<ReceivedUpload> uploads) {
    }

    /** Why the officer's request was refused; nothing was written. */
    static final class Refused extends RuntimeException {

        enum Reason {
            NO_DISTRICT, APPLICATION_NOT_FOUND, NOT_AWAITING_VISIT, ALREADY_CHECKED, IN_PERSON_CHECK_REQUIRED,
            UNKNOWN_STEP, INVALID_CHECK, INVALID_PAGE, UNKNOWN_ITEM, INVALID_APPLICANT, APPLICANT_NOT_FOUND,
            APPLICANT_HAS_NO_ACCOUNT, MATERIAL_NOT_FOUND
        }

        final Reason reason;
        final String field;

        Refused(Reason reason, String detail, String field) {
            super(detail, null, false, false);
            this.reason = reason;
            this.field = field;
        }
    }

    /** One queue entry: what waits, since when, for which steps, and how its checks went. */
    record QueueEntry(UUID id, String item, Text itemName, java.time.Instant submittedAt, Channel channel,
                      String district, String applicant, String outcome, List<Decision.Step> stepsDue,
                      int visitsPromised, int checks, boolean breaksAtMostOnce) {
    }

    record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** The trips the decision promised (最多跑一次), the visits taken, and whether the promise is broken. */
    record Visits(int promised, int taken, boolean atMostOnce, boolean broken) {
    }

    record Applicant(String kind, String name, String idMasked) {
    }

    /** An accepted file the officer may view (read-only), by its position among the application's materials. */
    record MaterialFile(int index, String code, String fileName, String mediaType, String viewUrl) {
    }

    /** An application as the officer sees it. */
    record OfficerApplication(ApplicationView application, Channel channel, String submittedBy, String district,
                              String districtName, Applicant applicant, List<WindowStore.Check> checks, Visits visits,
                              List<Decision.Step> stepsDue, List<MaterialFile> files) {
    }

    /** A file's bytes as received, for viewing. */
    record FileContent(String fileName, String mediaType, byte[] content) {
    }

    record Report(String district, String districtName, long waiting, long windowSubmissions, long checksPassed,
                  long checksFailed, long atMostOnceBroken) {
    }

    private final ApplicationStore applications;
    private final WindowStore window;
    private final SubmitApplication submissions;
    private final DataSharing sharing;
    private final Districts districts;
    private final RulePacks packs;
    private final Archive archive;
    private final ApplicationEventPublisher events;

    WindowOfficer(ApplicationStore applications, WindowStore window, SubmitApplication submissions, DataSharing sharing,
                  Districts districts, RulePacks packs, Archive archive, ApplicationEventPublisher events) {
        this.applications = applications;
        this.window = window;
        this.submissions = submissions;
        this.sharing = sharing;
        this.districts = districts;
        this.packs = packs;
        this.archive = archive;
        this.events = events;
    }

    Page<QueueEntry> queue(QueueCommand command) {
        Officer officer = serving(command.officer());
        if (command.page() < 0 || command.size() < 1 || command.size() > 100) {
            throw new Refused(Refused.Reason.INVALID_PAGE, "page from 0, size from 1 to 100", "page");
        }
        String item = command.item() == null || command.item().isBlank() ? null : command.item();
        if (item != null && packs.item(item).isEmpty()) {
            throw new Refused(Refused.Reason.UNKNOWN_ITEM, "no service item '" + item + "'; see GET /api/v1/items", "item");
        }
        List<QueueEntry> entries = window.waiting(officer.district(), item, command.page(), command.size()).stream()
                .map(w -> {
                    Decision decision = Json.MAPPER.readValue(w.decision(), Decision.class);
                    JsonNode facts = w.facts() == null ? Json.MAPPER.createObjectNode() : Json.read(w.facts());
                    return new QueueEntry(w.id(), w.item(), itemName(w.item()), w.createdAt(), w.channel(), w.district(),
                            facts.path("applicant").path("name").asString(""), decision.outcome().name(),
                            beforeDecision(decision), decision.visits().count(), w.checks(), w.breaksAtMostOnce());
                }).toList();
        Page<QueueEntry> page = new Page<>(entries, command.page(), command.size(),
                window.countWaiting(officer.district(), item));
        audit(officer, "OFFICER_QUEUE_READ", "district/" + officer.district(),
                Map.of("item", item == null ? "" : item, "page", command.page(), "entries", entries.size()));
        return page;
    }

    Report report(Officer officer) {
        serving(officer);
        WindowStore.Figures f = window.figures(officer.district());
        audit(officer, "OFFICER_REPORT_READ", "district/" + officer.district(), null);
        return new Report(officer.district(), districts.name(officer.district()).orElse(null), f.waiting(),
                f.windowSubmissions(), f.checksPassed(), f.checksFailed(), f.atMostOnceBroken());
    }

    OfficerApplication application(Officer officer, UUID id) {
        Row row = inDistrict(officer, id);
        WindowStore.Placement placement = window.placement(id).orElseThrow();
        ApplicationView view = submissions.view(row);
        List<WindowStore.Check> checks = window.checks(id);
        Decision decision = view.decision();
        boolean passed = checks.stream().anyMatch(c -> c.result() == CheckResult.PASSED);
        List<Decision.Step> due = decision == null || row.status() != ApplicationStatus.ACCEPTED || passed
                ? List.of() : beforeDecision(decision);
        int taken = Math.max(checks.size(), placement.channel() == Channel.WINDOW ? 1 : 0);
        Visits visits = decision == null ? new Visits(0, taken, true, false)
                : new Visits(decision.visits().count(), taken, decision.atMostOnce(),
                checks.stream().anyMatch(WindowStore.Check::breaksAtMostOnce));
        JsonNode facts = row.facts() == null ? Json.MAPPER.createObjectNode() : Json.read(row.facts());
        JsonNode applicant = facts.path("applicant");
        boolean person = !"ORGANISATION".equals(applicant.path("kind").asString(""));
        String id18 = person ? applicant.path("idNumber").asString("") : applicant.path("uscc").asString("");
        OfficerApplication answer = new OfficerApplication(view, placement.channel(), placement.officer(),
                placement.district(), placement.district() == null ? null : districts.name(placement.district()).orElse(null),
                new Applicant(person ? "PERSON" : "ORGANISATION", applicant.path("name").asString(""),
                        person && id18.length() == 18 ? ResidentIdNumber.mask(id18) : id18),
                checks, visits, due, files(id, view.materials()));
        audit(officer, "APPLICATION_READ_BY_OFFICER", "application/" + id, null);
        return answer;
    }

    /** The accepted file at {@code index} among the application's materials, as archived with it. */
    FileContent material(Officer officer, UUID id, int index) {
        Row row = inDistrict(officer, id);
        List<MaterialView> materials = applications.materials(id);
        if (index < 0 || index >= materials.size() || !materials.get(index).accepted() || !row.status().isFinal()) {
            throw new Refused(Refused.Reason.MATERIAL_NOT_FOUND, "no accepted file " + index + " of application " + id,
                    null);
        }
        MaterialView m = materials.get(index);
        long position = materials.subList(0, index + 1).stream().filter(MaterialView::accepted).count();
        // the package keeps the accepted files in their order, as materials/NN-name (archive-service PackageArchive)
        String suffix = String.format("/data/materials/%02d-%s", position, m.fileName());
        byte[] zip = archive.packages().content(id.toString()).orElseThrow(() ->
                new Refused(Refused.Reason.MATERIAL_NOT_FOUND, "application " + id + " has no archived package", null));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(suffix)) {
                    byte[] content = in.readAllBytes();
                    audit(officer, "MATERIAL_VIEWED", "application/" + id, Map.of("material", m.code(), "index", index));
                    return new FileContent(m.fileName(), m.detectedType(), content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new Refused(Refused.Reason.MATERIAL_NOT_FOUND, "the package of " + id + " holds no " + m.fileName(), null);
    }

    WindowStore.Check check(CheckCommand command) {
        Officer officer = command.officer();
        Row row = inDistrict(officer, command.application());
        if (command.checked() == null || command.checked().isBlank() || command.checked().length() > Reason.MAX_LENGTH
                || !Reason.writable(command.checked())) {
            throw new Refused(Refused.Reason.INVALID_CHECK, "say what was checked: 1 to " + Reason.MAX_LENGTH
                    + " characters of text, no control, formatting or direction characters", "$.checked");
        }
        if (command.result() == null) {
            throw new Refused(Refused.Reason.INVALID_CHECK, "result must be PASSED or FAILED", "$.result");
        }
        Decision decision = row.decision() == null ? null : Json.MAPPER.readValue(row.decision(), Decision.class);
        if (decision == null || row.status() != ApplicationStatus.ACCEPTED) {
            throw new Refused(Refused.Reason.NOT_AWAITING_VISIT, "only an accepted application waiting for its "
                    + "in-person step is checked; this one is " + row.status(), null);
        }
        List<Decision.Step> steps = beforeDecision(decision);
        String step = command.step() == null || command.step().isBlank()
                ? steps.stream().map(Decision.Step::code).findFirst().orElse("IN_PERSON_CHECK") : command.step();
        if (steps.stream().noneMatch(s -> s.code().equals(step))) {
            throw new Refused(Refused.Reason.UNKNOWN_STEP, "the decision has no in-person step '" + step + "'; it has "
                    + steps.stream().map(Decision.Step::code).collect(Collectors.joining(", ")), "$.step");
        }
        // trips after the decision (e.g. collecting the card) come on top of the visits for the check
        int after = (int) decision.visits().steps().stream().filter(s -> s.stage() == Visit.Stage.AFTER_DECISION)
                .map(Decision.Step::trip).filter(t -> steps.stream().noneMatch(s -> s.trip() == t)).distinct().count();
        int promised = decision.visits().count();
        try {
            return window.record(row.id(), command.key(), step, command.checked(), command.result(), officer.name(),
                    visit -> (command.result() == CheckResult.FAILED ? visit + 1 : visit) + after > promised,
                    check -> events.publishEvent(new InPersonCheckRecorded(officer.name(), row.id(), check.step(),
                            check.result(), check.visit(), check.breaksAtMostOnce())));
        } catch (WindowStore.CheckRefused e) {
            throw switch (e.reason) {
                case NOT_FOUND -> notFound(row.id());
                case NOT_AWAITING_VISIT -> new Refused(Refused.Reason.NOT_AWAITING_VISIT,
                        "the application is no longer waiting for its in-person step", null);
                case ALREADY_CHECKED -> new Refused(Refused.Reason.ALREADY_CHECKED,
                        "a passed check is on record; complete the application", null);
            };
        }
    }

    /**
     * Completes an application of the district once its in-person check passed: the certificate is issued once
     * ({@link SubmitApplication#complete}); without a passed check it is refused and nothing is issued.
     */
    ApplicationView complete(Officer officer, UUID id) {
        Row row = inDistrict(officer, id);
        if (row.status() == ApplicationStatus.ACCEPTED && !window.passed(id)) {
            throw new Refused(Refused.Reason.IN_PERSON_CHECK_REQUIRED, "record a passed in-person check first "
                    + "(POST /api/v1/applications/" + id + "/in-person-check)", null);
        }
        return submissions.complete(id, officer.name());
    }

    /** Refuses (不予许可) an accepted application of the district for the officer's reason ({@link SubmitApplication#refuse}). */
    ApplicationView refuse(Officer officer, UUID id, Reason reason) {
        inDistrict(officer, id);
        return submissions.refuse(id, officer.name(), reason.text());
    }

    /** A window submission: the walk-in identified in the base libraries applies through the same use case. */
    ApplicationView onBehalf(OnBehalfCommand command) {
        Officer officer = serving(command.officer());
        boolean byId = command.idNumber() != null && !command.idNumber().isBlank();
        boolean byCode = command.creditCode() != null && !command.creditCode().isBlank();
        if (byId == byCode) {
            throw new Refused(Refused.Reason.INVALID_APPLICANT,
                    "identify the applicant by exactly one of idNumber (a person) or creditCode (an organisation)",
                    "$.applicant");
        }
        String subjectId = (byId ? command.idNumber() : command.creditCode()).strip().toUpperCase(java.util.Locale.ROOT);
        try {
            if (byId) {
                ResidentIdNumber.parse(subjectId);
            } else {
                CreditCode.parse(subjectId);
            }
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Reason.INVALID_APPLICANT, e.getMessage(),
                    byId ? "$.applicant.idNumber" : "$.applicant.creditCode");
        }
        DataSharing.Identified identified = sharing.identify(subjectId);
        SubjectKind kind = byId ? SubjectKind.PERSON : SubjectKind.ORGANISATION;
        if (!identified.known() || identified.subject().filter(s -> s.kind() != kind).isPresent()) {
            throw new Refused(Refused.Reason.APPLICANT_NOT_FOUND, "the base libraries hold no such "
                    + (byId ? "person" : "organisation"), byId ? "$.applicant.idNumber" : "$.applicant.creditCode");
        }
        Subject subject = identified.subject().orElseThrow(() -> new Refused(Refused.Reason.APPLICANT_HAS_NO_ACCOUNT,
                "the applicant has no 一网通办 account to hold the application: register them first (统一身份认证)",
                byId ? "$.applicant.idNumber" : "$.applicant.creditCode"));
        ApplicationView view = submissions.submit(new SubmitApplication.SubmitCommand(subject, command.idempotencyKey(),
                command.application(), command.uploads(), Channel.WINDOW, officer.name(), officer.district()));
        audit(officer, "APPLICATION_SUBMITTED_AT_WINDOW", "application/" + view.id(),
                Map.of("item", view.item(), "status", view.status().name()));
        return view;
    }

    private Officer serving(Officer officer) {
        if (officer.district() == null || officer.district().isBlank()) {
            throw new Refused(Refused.Reason.NO_DISTRICT, "this login names no district to serve", null);
        }
        return officer;
    }

    /** The application if it is served in the officer's district (or in none); any other is "not found". */
    private Row inDistrict(Officer officer, UUID id) {
        serving(officer);
        Optional<String> district = window.placement(id).map(p -> Optional.ofNullable(p.district()).orElse(""));
        if (district.isEmpty() || !(district.get().isEmpty() || district.get().equals(officer.district()))) {
            throw notFound(id);
        }
        return applications.find(id).orElseThrow(() -> notFound(id));
    }

    private static Refused notFound(UUID id) {
        return new Refused(Refused.Reason.APPLICATION_NOT_FOUND, "no application " + id + " in your district", null);
    }

    private List<MaterialFile> files(UUID id, List<MaterialView> materials) {
        List<MaterialFile> files = new ArrayList<>();
        for (int i = 0; i < materials.size(); i++) {
            MaterialView m = materials.get(i);
            if (m.accepted()) {
                files.add(new MaterialFile(i, m.code(), m.fileName(), m.detectedType(),
                        "/api/v1/officer/applications/" + id + "/materials/" + i));
            }
        }
        return files;
    }

    private static List<Decision.Step> beforeDecision(Decision decision) {
        return decision.visits().steps().stream().filter(Decision.Step::beforeDecision).toList();
    }

    private Text itemName(String item) {
        return packs.item(item).map(ServiceItem::name).orElse(new Text(item, item));
    }

    private void audit(Officer officer, String action, String target, Object detail) {
        events.publishEvent(new OfficerActed(officer.name(), action, target, detail));
    }

    /** An officer's read or act (办理留痕), for the audit log. */
    record OfficerActed(String actor, String action, String target, Object detail) implements tongban.audit.Audited {
    }
}
