package tongban.archive;

/**
 * What a {@link RevokeCertificate} found: the certificate as it now is, and whether this command revoked it. A
 * certificate revoked before keeps its first reason and time; {@code revokedNow} is then false and nothing changed.
 */
public record Revocation(ECertificate certificate, boolean revokedNow) {
}
