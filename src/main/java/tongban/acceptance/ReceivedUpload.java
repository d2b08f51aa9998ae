package tongban.acceptance;

/** One file part of a submission, as received: part name (the material code), file name, declared type, bytes. */
public record ReceivedUpload(String material, String fileName, String declaredType, byte[] bytes) {
}
