package tongban.identity;

import java.util.Map;
import java.util.Set;

/**
 * What the base libraries say of one subject, already cut to what one item may read (see {@link DataSharing}).
 * Fields the item may not read hold their neutral value (false, "", absent).
 *
 * @param representativeId the legal representative (法定代表人) of an organisation, the person itself otherwise
 * @param records          shared records by field name, e.g. {@code residenceRegistrationMonths}
 * @param certificateTypes the e-certificate types the item may reuse
 */
public record SharedData(Subject subject, String name, String hukouRegion, boolean identityVerified,
                         boolean publicServant, boolean ownLabourIncome, String representativeId,
                         String representativeName, Map<String, Object> records, Set<String> certificateTypes) {

    public SharedData {
        records = Map.copyOf(records);
        certificateTypes = Set.copyOf(certificateTypes);
    }
}
