package tongban.seal;

/**
 * A sealed document renewed with a new archive timestamp (续期后的文件): the original bytes with one incremental
 * update appended.
 *
 * @param pdf           the renewed PDF
 * @param sha256        lower-case hex SHA-256 of {@code pdf}
 * @param lastTimestamp the archive timestamp just added, from which the next renewal is due
 */
public record RenewedDocument(byte[] pdf, String sha256, LastTimestamp lastTimestamp) {
}
