package tongban.materials;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One inspection, in-process, one thread, default limits: a genuine JPEG, a genuine PDF, an ELF named photo.jpg
 * and a 256 MiB zip bomb. Run: {@code ./mvnw -q -DskipTests verify -Dbench=src -Djmh.args=InspectMaterialBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class InspectMaterialBenchmark {

    private static final Map<String, Supplier<ReceivedFile>> FILES = Map.of(
            "jpeg", () -> Uploads.file("photo.jpg", "image/jpeg", Uploads.jpeg()),
            "pdf", () -> Uploads.file("licence.pdf", "application/pdf", Uploads.pdf("营业执照 ".repeat(500))),
            "elf-as-jpeg", () -> Uploads.file("photo.jpg", "image/jpeg", Uploads.elf()),
            "zip-bomb", () -> Uploads.file("scans.zip", "application/zip", Uploads.zipBomb(256)));

    @Param({"jpeg", "pdf", "elf-as-jpeg", "zip-bomb"})
    public String upload;

    private MaterialsInspector inspector;
    private ReceivedFile file;

    @Setup
    public void setUp() {
        inspector = new MaterialsInspector(InspectionLimits.defaults());
        file = FILES.get(upload).get();
    }

    @TearDown
    public void tearDown() {
        inspector.close();
    }

    @Benchmark
    public InspectedMaterial inspect() {
        return inspector.inspect(file, Uploads.IMAGES_OR_PDF);
    }
}
