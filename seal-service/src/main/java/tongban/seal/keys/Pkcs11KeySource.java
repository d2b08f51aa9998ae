package tongban.seal.keys;

import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tongban.seal.KeyKind;
import tongban.seal.KeyLocation;
import tongban.seal.KeySource;
import tongban.seal.SealServiceException;

/**
 * A seal key inside a PKCS#11 token (the adapter for {@link KeyLocation.Pkcs11Token}), through the JDK's SunPKCS11
 * provider. Only a handle to the private key is held: every signature is computed by the token.
 */
public final class Pkcs11KeySource implements KeySource {

    private final Provider provider;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private Pkcs11KeySource(Provider provider, PrivateKey key, List<X509Certificate> chain) {
        this.provider = provider;
        this.key = key;
        this.chain = chain;
    }

    /** Logs in to the token and finds the key; fails with code KEY_UNAVAILABLE. */
    public static Pkcs11KeySource open(KeyLocation.Pkcs11Token location) {
        char[] pin = location.pin().reveal();
        try {
            Provider provider = provider(location);
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            String where = "PKCS#11 slot " + location.slot();
            String alias = KeyStores.keyAlias(store, location.alias(), where);
            PrivateKey key = (PrivateKey) store.getKey(alias, null);
            List<X509Certificate> chain = new ArrayList<>(KeyStores.chain(store, alias));
            if (location.certificateChain() != null) {
                for (X509Certificate c : Pem.readCertificates(Files.readString(location.certificateChain()))) {
                    if (!chain.contains(c)) {
                        chain.add(c);
                    }
                }
            }
            return new Pkcs11KeySource(provider, key, List.copyOf(chain));
        } catch (Exception e) {
            throw new SealServiceException("KEY_UNAVAILABLE",
                    "cannot open PKCS#11 key in slot " + location.slot() + " of " + location.library() + ": "
                            + e.getMessage(), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** A SunPKCS11 provider for the location's library and slot (no PIN in the configuration). */
    public static Provider provider(KeyLocation.Pkcs11Token location) {
        String config = "--name=tongban-" + location.slot() + "\n"
                + "library=" + location.library().toAbsolutePath() + "\n"
                + "slot=" + location.slot() + "\n";
        return Security.getProvider("SunPKCS11").configure(config);
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data, String jcaAlgorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaAlgorithm, provider);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    @Override
    public KeyKind kind() {
        return KeyKind.PKCS11;
    }

    @Override
    public void close() {
        try {
            if (provider instanceof java.security.AuthProvider auth) {
                auth.logout();
            }
        } catch (javax.security.auth.login.LoginException e) {
            // the session is gone either way
        }
    }
}
