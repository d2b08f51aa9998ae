package tongban.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tongban.identity.IdNumberDigest;
import tongban.identity.ResidentIdNumber;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks certificate data against its template's spec and prepares what is made of it: the values the
 * template prints (escaped by the template engine), the JSON file embedded in the PDF and the QR code.
 */
record CertificateContent(Map<String, Object> model, byte[] json, QrCode qrCode) {

    static final String JSON_FORMAT = "tongban-certificate-data/2";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static CertificateContent of(CertificateData data, TemplateSpec spec, CertificateFonts fonts) {
        return new Checker(spec, fonts).check(data);
    }

    private static final class Checker {
        private final TemplateSpec spec;
        private final CertificateFonts fonts;

        Checker(TemplateSpec spec, CertificateFonts fonts) {
            this.spec = spec;
            this.fonts = fonts;
        }

        CertificateContent check(CertificateData data) {
            String id = required("certificateId", data.certificateId());
            problem("certificateId", DocumentValues.idProblem(id));
            String number = required("number", data.number());
            problem("number", spec.number().problem(number));
            String holderName = text("holderName", data.holderName(), spec.holderNameMaxLength());
            String holderId = required("holderId", data.holderId());
            problem("holderId", spec.holderId().problem(holderId));
            String issuer = text("issuer", data.issuer(), spec.issuerMaxLength());
            LocalDate issued = data.issueDate();
            if (issued == null) {
                throw new InvalidCertificateData("issueDate", "is required");
            }
            LocalDate validUntil = data.validUntil();
            if (validUntil == null && spec.validUntilRequired()) {
                throw new InvalidCertificateData("validUntil", "is required for a " + spec.title());
            }
            if (validUntil != null && validUntil.isBefore(issued)) {
                throw new InvalidCertificateData("validUntil", "must not be before issueDate");
            }
            problem("verifyBaseUrl", DocumentValues.verifyBaseProblem(data.verifyBaseUrl(), id));
            String verifyUrl = DocumentValues.verifyUrl(data.verifyBaseUrl(), id);

            Map<String, Object> printed = new LinkedHashMap<>();
            Map<String, Object> raw = new LinkedHashMap<>();
            checkFields(data.fields(), printed, raw);

            ResidentIdNumber resident = HolderIdKind.residentId(holderId);
            Map<String, Object> holder = new LinkedHashMap<>();
            holder.put("name", holderName);
            holder.put("idMasked", resident == null ? holderId : resident.masked());
            // GB 11643: the 17th digit, the sequence code's last, is odd for men and even for women
            holder.put("sex", resident == null ? "" : (holderId.charAt(16) - '0') % 2 == 1 ? "男" : "女");

            Map<String, Object> model = new LinkedHashMap<>();
            model.put("certificateId", id);
            model.put("title", spec.title());
            model.put("number", number);
            model.put("holder", holder);
            model.put("issuer", issuer);
            model.put("issueDate", DocumentValues.chinese(issued));
            model.put("validUntil", validUntil == null ? "长期" : DocumentValues.chinese(validUntil));
            model.put("validity", validUntil == null ? "长期"
                    : DocumentValues.chinese(issued) + "至" + DocumentValues.chinese(validUntil));
            model.put("verifyUrl", verifyUrl);
            model.put("fields", printed);

            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", JSON_FORMAT);
            json.put("certificateId", id);
            json.put("type", data.type());
            json.put("title", spec.title());
            json.put("number", number);
            Map<String, Object> holderData = new LinkedHashMap<>();
            holderData.put("name", holderName);
            // a resident ID number travels masked and as a salted digest only; a credit code is public (公示)
            if (resident == null) {
                holderData.put("idKind", "credit-code");
                holderData.put("id", holderId);
            } else {
                holderData.put("idKind", "resident-id");
                holderData.put("idMasked", resident.masked());
                holderData.put("idDigest", IdNumberDigest.of(resident).toMap());
            }
            json.put("holder", holderData);
            json.put("issuer", issuer);
            json.put("issueDate", issued.toString());
            json.put("validUntil", validUntil == null ? null : validUntil.toString());
            json.put("fields", raw);
            json.put("verifyUrl", verifyUrl);
            return new CertificateContent(model, JSON.writeValueAsBytes(json), QrCode.encode(verifyUrl));
        }

        private void checkFields(Map<String, Object> given, Map<String, Object> printed, Map<String, Object> raw) {
            for (String name : given.keySet()) {
                if (!spec.fields().containsKey(name)) {
                    throw new InvalidCertificateData("fields." + name,
                            "is not a field of the " + spec.title() + " template; its fields are " + spec.fields().keySet());
                }
            }
            for (TemplateSpec.Field field : spec.fields().values()) {
                String at = "fields." + field.name();
                Object value = given.get(field.name());
                if (field.list()) {
                    List<String> codes = list(at, value, field);
                    List<String> shown = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        shown.add(shown(at + "[" + i + "]", codes.get(i), field));
                    }
                    printed.put(field.name(), shown);
                    raw.put(field.name(), codes);
                } else {
                    if (value != null && !(value instanceof String)) {
                        throw new InvalidCertificateData(at, "must be a text");
                    }
                    String text = value == null ? "" : ((String) value).strip();
                    if (text.isEmpty() && field.required()) {
                        throw new InvalidCertificateData(at, "is required");
                    }
                    printed.put(field.name(), text.isEmpty() ? "" : shown(at, text, field));
                    raw.put(field.name(), text.isEmpty() ? null : text);
                }
            }
        }

        private List<String> list(String at, Object value, TemplateSpec.Field field) {
            if (value != null && !(value instanceof List<?>)) {
                throw new InvalidCertificateData(at, "must be a list of texts");
            }
            List<String> codes = new ArrayList<>();
            if (value != null) {
                List<?> items = (List<?>) value;
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof String item) || item.isBlank()) {
                        throw new InvalidCertificateData(at + "[" + i + "]", "must be a non-empty text");
                    }
                    if (codes.contains(item.strip())) {
                        throw new InvalidCertificateData(at + "[" + i + "]", "repeats '" + item.strip() + "'");
                    }
                    codes.add(item.strip());
                }
            }
            if (codes.isEmpty() && field.required()) {
                throw new InvalidCertificateData(at, "needs at least one item");
            }
            if (codes.size() > field.maxItems()) {
                throw new InvalidCertificateData(at, "has " + codes.size() + " items; at most " + field.maxItems() + " fit");
            }
            return codes;
        }

        private String shown(String at, String value, TemplateSpec.Field field) {
            if (field.names() == null) {
                return printable(at, value, field.maxLength());
            }
            String name = field.names().get(value);
            if (name == null) {
                throw new InvalidCertificateData(at, "unknown code '" + value + "'; known codes are " + field.names().keySet());
            }
            return name;
        }

        private String text(String at, String value, int maxLength) {
            return printable(at, required(at, value), maxLength);
        }

        private String printable(String at, String value, int maxLength) {
            problem(at, DocumentValues.printableProblem(value, maxLength, fonts));
            return value;
        }

        private static String required(String at, String value) {
            if (value == null || value.isBlank()) {
                throw new InvalidCertificateData(at, "is required");
            }
            return value.strip();
        }

        private static void problem(String at, String problem) {
            if (problem != null) {
                throw new InvalidCertificateData(at, problem);
            }
        }
    }
}
