package tongban.acceptance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the paper copy of a certificate is posted (邮寄地址) when the applicant chose delivery POST, as given with the
 * application ({@code "postal": {"recipient", "phone", "address"}}): used for that parcel only, never read from the
 * base libraries (their address is on the negative list). Shown to anyone but the carrier with the phone masked.
 */
public record PostalAddress(String recipient, String phone, String address) {

    /**
     * Each part stripped and checked: plain text of sensible length (it is printed on a parcel, never interpreted) and
     * a phone a courier can call.
     *
     * @throws SubmitApplication.Refused {@code INVALID_POSTAL_ADDRESS} naming the part at fault
     */
    public PostalAddress {
        recipient = recipient(recipient);
        address = address(address);
        phone = phone(phone);
    }

    /**
     * The parts at fault, by name ({@code recipient}, {@code phone}, {@code address}): all of them at once, as a page
     * tells them; empty when the address can be used.
     */
    public static List<String> faults(String recipient, String phone, String address) {
        List<String> faults = new ArrayList<>();
        Map<String, Runnable> checks = new LinkedHashMap<>();
        checks.put("recipient", () -> recipient(recipient));
        checks.put("phone", () -> phone(phone));
        checks.put("address", () -> address(address));
        checks.forEach((part, check) -> {
            try {
                check.run();
            } catch (SubmitApplication.Refused e) {
                faults.add(part);
            }
        });
        return faults;
    }

    private static String recipient(String recipient) {
        return text(recipient, "recipient", 1, MAX_RECIPIENT);
    }

    private static String address(String address) {
        return text(address, "address", 5, MAX_ADDRESS);
    }

    private static String phone(String value) {
        String phone = text(value, "phone", 7, 20);
        if (!PHONE.matcher(phone).matches()) {
            throw refused("must be a mobile number (11 digits) or a landline with its area code", "phone");
        }
        return phone;
    }

    /** A mainland mobile number or a landline with its area code. */
    static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");
    static final int MAX_RECIPIENT = 40;
    static final int MAX_ADDRESS = 200;

    private static String text(String value, String name, int min, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() < min || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw refused("must be text of " + min + " to " + max + " characters", name);
        }
        return text;
    }

    static SubmitApplication.Refused refused(String detail, String part) {
        return new SubmitApplication.Refused(SubmitApplication.Refused.Reason.INVALID_POSTAL_ADDRESS, detail,
                part == null ? "$.postal" : "$.postal." + part);
    }

    /** The phone as a page or the API shows it: {@code 138****8000}. */
    public String maskedPhone() {
        return mask(phone);
    }

    /** The first three and last four characters of a phone number, the rest as stars. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 8) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
