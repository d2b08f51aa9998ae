package tongban.seal.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import tongban.seal.KeyKind;
import tongban.seal.KeyLocation;
import tongban.seal.KeySource;
import tongban.seal.SealServiceException;

/** A seal key in a PKCS#12 file (the adapter for {@link KeyLocation.Pkcs12File}). */
public final class Pkcs12KeySource implements KeySource {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private Pkcs12KeySource(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain;
    }

    /** Opens the key entry; fails with code KEY_UNAVAILABLE when the file, password or alias is wrong. */
    public static Pkcs12KeySource open(KeyLocation.Pkcs12File location) {
        char[] password = location.password().reveal();
        try (InputStream in = Files.newInputStream(location.file())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String alias = KeyStores.keyAlias(store, location.alias(), location.file().toString());
            PrivateKey key = (PrivateKey) store.getKey(alias, password);
            return new Pkcs12KeySource(key, KeyStores.chain(store, alias));
        } catch (IOException | GeneralSecurityException e) {
            throw new SealServiceException("KEY_UNAVAILABLE",
                    "cannot open PKCS#12 key in " + location.file() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] data, String jcaAlgorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    @Override
    public KeyKind kind() {
        return KeyKind.PKCS12;
    }

    @Override
    public void close() {
        // nothing held open: the key was read into memory
    }
}
