package tongban.delivery;

import java.util.Map;
import java.util.Optional;

/** The carriers the platform has an account with, by id, and the one new shipments go with. */
record Carriers(Map<String, Carrier> byId, Map<String, CarrierAccount> accounts, String chosen, Carrier.Sender sender) {

    Optional<Carrier> carrier(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<CarrierAccount> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }
}
