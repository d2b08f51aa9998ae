package tongban.seal;

/** Where a seal key is kept: a PKCS#12 file or a PKCS#11 token (HSM). */
public enum KeyKind {
    PKCS12,
    PKCS11
}
