package tongban.acceptance;

import java.util.regex.Pattern;

/**
 * Where the paper copy of a certificate is posted (邮寄地址) when the applicant chose delivery POST, as given with the
 * application ({@code "postal": {"recipient", "phone", "address"}}): used for that parcel only, never read from the
 * base libraries (their address is on the negative list). Shown to anyone but the carrier with the phone masked.
 */
public record PostalAddress(String recipient, String phone, String address) {

    /** A mainland mobile number or a landline with its area code. */
    static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");
    static final int MAX_RECIPIENT = 40;
    static final int MAX_ADDRESS = 200;

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
