package tongban.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes to store, which can be read more than once (a retried upload starts again from the first byte). */
public interface ObjectContent {

    long size();

    InputStream open() throws IOException;

    static ObjectContent of(byte[] bytes) {
        return new ObjectContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    static ObjectContent of(Path file) {
        return new ObjectContent() {
            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
