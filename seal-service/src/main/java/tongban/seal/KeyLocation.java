package tongban.seal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a department's seal key (印章密钥) lives: a PKCS#12 file or a PKCS#11 token (HSM). The private key of a
 * {@link Pkcs11Token} never leaves the token: signatures are computed inside it.
 */
public sealed interface KeyLocation permits KeyLocation.Pkcs12File, KeyLocation.Pkcs11Token {

    /** The kind shown in the seal registry. */
    KeyKind kind();

    /**
     * A PKCS#12 keystore file holding the seal's private key and its certificate chain.
     *
     * @param file     the .p12 file
     * @param password the keystore and key password
     * @param alias    the entry alias, or {@code null} for the only key entry in the file
     */
    record Pkcs12File(Path file, Secret password, String alias) implements KeyLocation {
        public Pkcs12File {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public KeyKind kind() {
            return KeyKind.PKCS12;
        }
    }

    /**
     * A key in a PKCS#11 token, reached through the JDK's SunPKCS11 provider.
     *
     * @param library          the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slot             the slot id (as listed by {@code softhsm2-util --show-slots} or {@code pkcs11-tool -L})
     * @param pin              the user PIN
     * @param alias            the key's label (CKA_LABEL), or {@code null} for the only key in the token
     * @param certificateChain optional PEM file with the CA certificates above the token's seal certificate, for
     *                         tokens that hold only the end-entity certificate; {@code null} when the token holds the
     *                         chain
     */
    record Pkcs11Token(Path library, long slot, Secret pin, String alias, Path certificateChain)
            implements KeyLocation {
        public Pkcs11Token {
            Objects.requireNonNull(library, "library");
            Objects.requireNonNull(pin, "pin");
        }

        @Override
        public KeyKind kind() {
            return KeyKind.PKCS11;
        }
    }
}
