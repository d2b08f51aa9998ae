/**
 * The seal service (印章服务): its public API.
 *
 * <p>{@link tongban.seal.SealService} is the entry point: start it with a {@link tongban.seal.SealConfig} (embedded
 * default or production keys) and a {@link tongban.seal.SealAuditLog}; then {@code seal(SealCommand)} applies a
 * department's electronic seal (电子印章) to a PDF as a visible PAdES signature with an RFC 3161 timestamp, and
 * {@code verify(byte[])} returns a {@link tongban.seal.VerificationReport}. The registry ({@code seals()}), the
 * local timestamp authority ({@code timestampAuthority()}), CRLs ({@code revocationLists()}) and trust anchors
 * ({@code trustAnchorsPem()}) are what the app serves over HTTP.
 *
 * <p>Subpackages are internal: {@code keys} (PKCS#12 / PKCS#11 adapters of {@link tongban.seal.KeySource}, the
 * local test authority), {@code image} (seal drawing), {@code pades} (iText), {@code timestamp} (Bouncy Castle TSA)
 * and {@code verification} (the strict verifier). No iText type appears in this package.
 */
package tongban.seal;
