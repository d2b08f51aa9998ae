package tongban.archive;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store + register throughput, in certificates per second: conditional PUT to the embedded S3 server and the registry
 * row in embedded PostgreSQL, as {@link ECertificates#store} does it. Run with {@code -t 4} for concurrent callers, and
 * with {@code -jvmArgsAppend -Dtongban.test.store=ceph} on Ceph (see {@link TestBed}): there each store also looks
 * for the key's versions before and after the PUT and reads the retention back.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class StoreCertificateBenchmark {

    /** Size of the sealed PDF; a one-page certificate with an embedded CJK subset font is about 100 KB to 2.5 MB. */
    @Param({"131072"})
    public int pdfBytes;

    private TestBed bed;
    private byte[] pdf;
    private final AtomicLong numbers = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws Exception {
        bed = TestBed.start();
        byte[] body = new byte[pdfBytes];
        new Random(1).nextBytes(body);
        byte[] header = "%PDF-1.7\n".getBytes();
        System.arraycopy(header, 0, body, 0, header.length);
        pdf = body;
    }

    @TearDown(Level.Trial)
    public void stop() {
        bed.close();
    }

    @Benchmark
    public ArchiveResult<ECertificate> storeAndRegister() {
        long n = numbers.incrementAndGet();
        // each certificate differs in its bytes too, as sealed ones do
        byte[] bytes = pdf.clone();
        bytes[bytes.length - 1] = (byte) n;
        bytes[bytes.length - 2] = (byte) (n >> 8);
        return bed.archive.certificates().store(new StoreCertificate(UUID.randomUUID(), "business-licence", "BENCH-" + n, "91310000MA1FL0001X",
                "上海市市场监督管理局", Instant.parse("2026-11-27T08:00:00Z"), Optional.empty(), bytes));
    }
}
