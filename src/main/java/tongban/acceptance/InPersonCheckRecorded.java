package tongban.acceptance;

import java.util.Map;
import java.util.UUID;
import tongban.audit.Audited;

/**
 * An officer recorded an in-person check (现场核验) of an application: the step, the result, the visit it was taken on,
 * and whether it breaks the trips the decision promised (最多跑一次).
 */
public record InPersonCheckRecorded(String actor, UUID applicationId, String step, CheckResult result, int visit,
                                    boolean breaksAtMostOnce) implements Audited {

    @Override
    public String action() {
        return "IN_PERSON_CHECK_RECORDED";
    }

    @Override
    public String target() {
        return "application/" + applicationId;
    }

    @Override
    public Object detail() {
        return Map.of("step", step, "result", result.name(), "visit", visit, "breaksAtMostOnce", breaksAtMostOnce);
    }
}
