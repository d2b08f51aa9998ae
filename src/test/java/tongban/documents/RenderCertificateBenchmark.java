package tongban.documents;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Render one certificate, one thread: data check, template, QR code, HTML to PDF/A-3b with font subsetting
 * and the attached JSON, all in memory (the sample data of templates/TYPE/sample.json).
 * Run: {@code ./mvnw -q -o -pl src -DskipTests verify -Dbench=src -Djmh.args=RenderCertificateBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RenderCertificateBenchmark {

    @Param({"business-licence", "food-business-licence", "residence-permit"})
    public String type;

    private RenderCertificate renderer;
    private CertificateData data;

    @Setup
    public void load() {
        renderer = new RenderCertificate(Samples.TEMPLATES);
        data = Samples.sample(type);
    }

    @Benchmark
    public CertificateDocument render() {
        return renderer.render(data);
    }
}
