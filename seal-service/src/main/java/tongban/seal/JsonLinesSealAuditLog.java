package tongban.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each seal application to a file as one JSON object per line ({@code at, actor, departmentId, sealId,
 * documentSha256, sealedSha256, level}), forced to disk before {@link #record} returns.
 */
public final class JsonLinesSealAuditLog implements SealAuditLog {

    private final Path file;

    public JsonLinesSealAuditLog(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void record(SealApplied event) {
        String line = "{\"at\":" + quote(event.at().toString())
                + ",\"actor\":" + quote(event.actor())
                + ",\"departmentId\":" + quote(event.departmentId())
                + ",\"sealId\":" + quote(event.sealId())
                + ",\"documentSha256\":" + quote(event.documentSha256())
                + ",\"sealedSha256\":" + quote(event.sealedSha256())
                + ",\"level\":" + quote(event.level().name()) + "}\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the seal audit log " + file, e);
        }
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
