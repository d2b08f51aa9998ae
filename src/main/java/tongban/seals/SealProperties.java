package tongban.seals;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import tongban.seal.SealLevel;

/**
 * {@code tongban.seals.*}. With no {@code keys}, the embedded default makes a local test authority under
 * {@code <data-dir>/keys}. Production names a key for every department, the trust anchors and the TSA. Secrets
 * are read from files ({@code password-file}, {@code pin-file}), never from the configuration text.
 */
@ConfigurationProperties("tongban.seals")
record SealProperties(Path font, String purpose, SealLevel level, URI tsaUrl, List<Path> trustAnchors,
                      Map<String, KeyProperties> keys) {

    SealProperties {
        font = font == null ? Path.of("templates/fonts/NotoSansSC-Regular-subset.ttf") : font;
        purpose = purpose == null ? "电子证照专用章" : purpose;
        level = level == null ? SealLevel.BASELINE_LTA : level;
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /**
     * One department's key: {@code kind} PKCS12 ({@code file}, {@code password-file}, {@code alias}) or PKCS11
     * ({@code library}, {@code slot}, {@code pin-file}, {@code alias}, {@code certificate-chain}).
     */
    record KeyProperties(String kind, Path file, Path passwordFile, String alias, Path library, Long slot,
                         Path pinFile, Path certificateChain) {
    }
}
