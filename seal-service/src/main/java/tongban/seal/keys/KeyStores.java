package tongban.seal.keys;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reading key entries the same way from PKCS#12 and PKCS#11 keystores. */
final class KeyStores {

    private KeyStores() {
    }

    static String keyAlias(KeyStore store, String wanted, String where) throws GeneralSecurityException {
        if (wanted != null) {
            if (!store.isKeyEntry(wanted)) {
                throw new GeneralSecurityException("no key entry '" + wanted + "' in " + where);
            }
            return wanted;
        }
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw new GeneralSecurityException(where + " holds " + keys.size() + " keys: name the alias");
        }
        return keys.get(0);
    }

    static List<X509Certificate> chain(KeyStore store, String alias) throws GeneralSecurityException {
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
            throw new GeneralSecurityException("key entry '" + alias + "' has no certificate");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : chain) {
            certificates.add((X509Certificate) c);
        }
        return List.copyOf(certificates);
    }
}
