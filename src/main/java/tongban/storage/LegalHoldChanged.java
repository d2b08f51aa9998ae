package tongban.storage;

import java.util.Map;
import tongban.audit.Audited;

/** An operator placed ({@code on}) or lifted a legal hold (法律保全) on an archived object, for this reason. */
public record LegalHoldChanged(String actor, String target, boolean on, String reason) implements Audited {

    @Override
    public String action() {
        return on ? "LEGAL_HOLD_PLACED" : "LEGAL_HOLD_LIFTED";
    }

    @Override
    public Object detail() {
        return Map.of("reason", reason);
    }
}
