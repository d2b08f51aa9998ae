package tongban.verification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartFile;
import tongban.platform.ApiProblem;

/** The uploaded file's bytes, within the size limit, or a clear refusal. */
final class Upload {

    private Upload() {
    }

    /**
     * @throws ApiProblem 400 FILE_REQUIRED for no or an empty file, 413 PAYLOAD_TOO_LARGE over {@code maxBytes}
     */
    static byte[] bytes(MultipartFile file, long maxBytes) {
        if (file == null || file.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "FILE_REQUIRED", "send the PDF as the multipart part 'file'",
                    "file", List.of());
        }
        if (file.getSize() > maxBytes) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                    "the file is larger than " + maxBytes + " bytes; certificates are far smaller");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
