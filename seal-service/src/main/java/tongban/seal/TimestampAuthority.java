package tongban.seal;

/**
 * An RFC 3161 time-stamping authority (时间戳服务). Used in-process by the sealer and over HTTP by the app
 * ({@code application/timestamp-query} in, {@code application/timestamp-reply} out).
 */
@FunctionalInterface
public interface TimestampAuthority {

    /**
     * Answers a DER-encoded TimeStampReq with a DER-encoded TimeStampResp. Bad requests get a response with status
     * {@code rejection} and a failure reason (badDataFormat, badAlg, ...); this method does not throw for them.
     */
    byte[] respond(byte[] timeStampRequest);
}
