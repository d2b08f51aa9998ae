package tongban.seal;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the seal service (印章服务).
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>Embedded default</b>: no department names a {@link Department#key() key}, {@code trustAnchors} is empty and
 *   {@code timestampAuthorityUrl} is {@code null}. On first start a local test authority is created under
 *   {@code dataDirectory}: root CA, one seal per department, a timestamp authority (TSA) and CRLs, all in PKCS#12
 *   files protected by a random secret in {@code dataDirectory/secret} (mode 0600). Later starts reload them.
 *   Every subject says "LOCAL TEST" and "NOT FOR PRODUCTION".</li>
 *   <li><b>Production</b>: every department names its key (PKCS#12 file or PKCS#11 slot), {@code trustAnchors}
 *   lists the PEM files of the roots the seals and the TSA chain to, and {@code timestampAuthorityUrl} is the
 *   RFC 3161 TSA. CRLs are fetched from the certificates' distribution points when sealing at BASELINE_LT or LTA,
 *   and by verification (kept a minute) to see revocations after sealing.</li>
 * </ul>
 *
 * @param dataDirectory         where the embedded default keeps its keys (the app uses {@code ./data/keys});
 *                              unused in production
 * @param sealFont              a TrueType/OpenType font with the CJK glyphs of the department names and purposes
 *                              (the project ships a Noto Sans SC subset under {@code templates/fonts/})
 * @param departments           the departments that seal, at least one, ids unique
 * @param trustAnchors          PEM files of trusted roots (production); empty in the embedded default
 * @param timestampAuthorityUrl the RFC 3161 TSA (production); {@code null} in the embedded default, which uses its
 *                              own in-process TSA
 * @param crlBaseUrl            embedded default only: the public URL under which the app serves CRLs, written into
 *                              the certificates' CRL distribution points as {@code crlBaseUrl + "/" + fileName}
 *                              (see {@link RevocationList#fileName()}); {@code null} for none
 * @param defaultLevel          the PAdES level used when a {@link SealCommand} names none
 */
public record SealConfig(Path dataDirectory, Path sealFont, List<Department> departments, List<Path> trustAnchors,
                         URI timestampAuthorityUrl, URI crlBaseUrl, SealLevel defaultLevel) {

    public SealConfig {
        Objects.requireNonNull(sealFont, "sealFont");
        Objects.requireNonNull(defaultLevel, "defaultLevel");
        departments = List.copyOf(departments);
        trustAnchors = List.copyOf(trustAnchors);
        if (departments.isEmpty()) {
            throw new IllegalArgumentException("at least one department must be configured");
        }
        if (departments.stream().map(Department::id).distinct().count() != departments.size()) {
            throw new IllegalArgumentException("department ids must be unique");
        }
        long withKeys = departments.stream().filter(d -> d.key() != null).count();
        if (withKeys == 0) {
            Objects.requireNonNull(dataDirectory, "dataDirectory (embedded default)");
            if (!trustAnchors.isEmpty() || timestampAuthorityUrl != null) {
                throw new IllegalArgumentException(
                        "trust anchors and a TSA URL belong to production configuration: give every department a key");
            }
        } else if (withKeys != departments.size()) {
            throw new IllegalArgumentException("either every department names its key (production) or none does");
        } else if (trustAnchors.isEmpty() || timestampAuthorityUrl == null) {
            throw new IllegalArgumentException("production configuration needs trust anchors and a TSA URL");
        }
    }

    /** The embedded default: a local test authority under {@code dataDirectory}, BASELINE_LTA seals. */
    public static SealConfig embedded(Path dataDirectory, Path sealFont, List<Department> departments,
                                      URI crlBaseUrl) {
        return new SealConfig(dataDirectory, sealFont, departments, List.of(), null, crlBaseUrl,
                SealLevel.BASELINE_LTA);
    }

    /** True when no department names a key, so the local test authority provides everything. */
    public boolean isEmbeddedDefault() {
        return departments.get(0).key() == null;
    }
}
