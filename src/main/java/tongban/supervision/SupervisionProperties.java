package tongban.supervision;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tongban.supervision.licence-types.<type>}: the certificate types a draw may inspect, each with where its
 * number carries the 6-digit division code of the district that issued it ({@code division-offset}), and the article
 * of law that allows revoking it after an inspection ({@code revocation-basis}; none: a failed inspection can only
 * order rectification).
 */
@ConfigurationProperties("tongban.supervision")
record SupervisionProperties(Map<String, LicenceType> licenceTypes) {

    record LicenceType(int divisionOffset, String revocationBasis) {
    }

    SupervisionProperties {
        if (licenceTypes == null || licenceTypes.isEmpty()) {
            Map<String, LicenceType> defaults = new LinkedHashMap<>();
            // GB 32100: 9 and 2 (registration authority, kind), then the division code
            defaults.put("business-licence", new LicenceType(2, null));
            // JY, the 主体业态 digit, then the division code
            defaults.put("food-business-licence", new LicenceType(3, "《中华人民共和国食品安全法》第一百二十六条"));
            licenceTypes = defaults;
        }
        licenceTypes = Map.copyOf(licenceTypes);
    }
}
