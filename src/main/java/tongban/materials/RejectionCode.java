package tongban.materials;

/** Why an upload was refused. The names are stable codes: clients and audit records rely on them. */
public enum RejectionCode {
    /** The file has no bytes. */
    EMPTY_FILE,
    /** The file is larger than the per-file limit. */
    FILE_TOO_LARGE,
    /** The bytes are a program, a script or a library (PE, ELF, Mach-O, Java archive, shell script…), or contain one. */
    EXECUTABLE_NOT_ALLOWED,
    /** The real type disagrees with the declared Content-Type or with the type the file name's extension implies. */
    TYPE_MISMATCH,
    /** The real type is not one the material accepts. */
    TYPE_NOT_ACCEPTED,
    /** The file, or something inside it, is encrypted or password-protected. */
    ENCRYPTED,
    /** The file is damaged, truncated or not a valid file of its type. */
    MALFORMED,
    /** Bytes follow the file's end: after a PDF's last {@code %%EOF}, or an archive appended to a PDF or an image. */
    TRAILING_DATA,
    /** A PDF with JavaScript or a Launch action, which would run when it is opened. */
    ACTIVE_CONTENT,
    /** The file expands far beyond its size (a zip bomb). */
    ARCHIVE_BOMB,
    /** Archives are nested deeper than the limit. */
    ARCHIVE_TOO_DEEP,
    /** Reading the file took longer than the parse time limit. */
    PARSE_TIMEOUT,
    /** Every inspection slot is busy: try again shortly. Says nothing about the file. */
    INSPECTION_BUSY
}
