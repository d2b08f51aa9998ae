package tongban.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Seal one certificate at each PAdES level (in-process TSA), verify one sealed certificate, renew one (validation
 * data and an archive timestamp appended), and have EU DSS validate the same file with the strict policy, in one run
 * so the ratios are measured under the same conditions. Sample mode: JMH reports the median as p0.50.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class SealBenchmarks {

    @Param({"BASELINE_LT", "BASELINE_LTA"})
    public SealLevel level;

    private Path data;
    private SealService service;
    private DssJudge dss;
    private byte[] certificate;
    private byte[] sealed;

    @Setup
    public void start() throws IOException {
        data = Files.createTempDirectory("seal-bench");
        service = TestDocuments.embeddedService(data, event -> { });
        dss = new DssJudge(service.trustAnchors());
        certificate = TestDocuments.certificate();
        sealed = service.seal(TestDocuments.sealCommand(certificate, level)).pdf();
        if (service.verify(sealed).verdict() != VerificationReport.Verdict.VALID) {
            throw new IllegalStateException("the benchmark document does not verify");
        }
    }

    @TearDown
    public void stop() throws IOException {
        service.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public SealedDocument seal() {
        return service.seal(TestDocuments.sealCommand(certificate, level));
    }

    @Benchmark
    public RenewedDocument renew() {
        return service.renew(sealed);
    }

    @Benchmark
    public VerificationReport verify() {
        return service.verify(sealed);
    }

    @Benchmark
    public List<DssJudge.Verdict> dssValidate() {
        return dss.judge(sealed);
    }
}
