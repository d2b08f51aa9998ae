/**
 * Verification for verifiers (证照核验): anyone — a bank, a landlord, another office — checks a certificate
 * without an account. {@code POST /api/v1/verify} and the page {@code /verify} combine the seal service's strict
 * verification core (integrity, issuer, timestamp) with the certificate registry (status: valid, revoked,
 * expired) and the archived original; {@code GET /api/v1/certificates/{id}/status} and {@code /verify/{id}} (the
 * QR code's landing page) show an issued certificate's status. The public endpoints are rate-limited per client.
 *
 * <p>The package's API is HTTP; its classes are package-private. iText stays in {@link
 * tongban.verification.EmbeddedCertificateData}, which reads the certificate's own data only once the core has
 * found the file intact and sealed by us.
 */
package tongban.verification;
