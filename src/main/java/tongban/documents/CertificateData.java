package tongban.documents;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a certificate (电子证照) says, before it becomes a document. Values are checked when rendered,
 * against the template of {@code type}, so every fault is reported as one {@link InvalidCertificateData}.
 *
 * @param certificateId the registry's id; the QR code links to {@code <verifyBaseUrl>/verify/<certificateId>}
 * @param type          the template: {@code business-licence}, {@code food-business-licence}, {@code residence-permit}
 * @param number        the certificate number (e.g. a unified social credit code), see {@link CertificateNumbers}
 * @param holderName    the holder (持证主体) as printed
 * @param holderId      the holder's resident ID number or unified social credit code
 * @param issuer        the issuing department (发证机关 / 登记机关) as printed
 * @param issueDate     the date of issue (签发日期)
 * @param validUntil    the last day of validity (有效期至), or null for no limit (长期)
 * @param fields        the template's own fields: each value a String or a List of String
 * @param verifyBaseUrl the public base URL of the verification page
 */
public record CertificateData(String certificateId, String type, String number, String holderName, String holderId,
                              String issuer, LocalDate issueDate, LocalDate validUntil, Map<String, Object> fields,
                              URI verifyBaseUrl) {

    public CertificateData {
        fields = copy(fields);
    }

    // A deep, unmodifiable copy that keeps nulls, so that validation can name them instead of failing here.
    private static Map<String, Object> copy(Map<String, Object> fields) {
        if (fields == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> copy.put(name,
                value instanceof List<?> list ? Collections.unmodifiableList(new ArrayList<>(list)) : value));
        return Collections.unmodifiableMap(copy);
    }
}
