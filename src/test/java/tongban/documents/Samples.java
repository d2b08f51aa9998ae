package tongban.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** The templates under test and their sample data (templates/TYPE/sample.json), shared by the tests of one run. */
final class Samples {

    static final Path TEMPLATES = Path.of("templates");
    static final Path OUTPUT = Path.of("src", "target", "certificates");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RenderCertificate renderer;

    private Samples() {
    }

    static synchronized RenderCertificate renderer() {
        if (renderer == null) {
            renderer = new RenderCertificate(TEMPLATES);
        }
        return renderer;
    }

    static List<String> types() {
        try (Stream<Path> folders = Files.list(TEMPLATES)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve("sample.json")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CertificateData sample(String type) {
        return JSON.readValue(TEMPLATES.resolve(type).resolve("sample.json").toFile(), CertificateData.class);
    }

    static CertificateDocument render(String type) {
        return renderer().render(sample(type));
    }
}
