package tongban.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fixity audit throughput beside plain SHA-256 over the same bytes read from disk (the embedded S3 server's files),
 * both in MiB/s: every invocation goes over the whole 64 MiB archive (256 objects of 256 KiB, or 32 of 2 MiB), so
 * one operation is one MiB. The audit adds, per object, an HTTP GET through S3Proxy, and per run the registry reads
 * and the recorded run; it reads 4 objects at once (the default). On Ceph ({@code -jvmArgsAppend
 * -Dtongban.test.store=ceph}, see {@link TestBed}) only {@code fixityAudit} runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class FixityAuditBenchmark {

    private static final int MIB = 64;

    /** Size of each archived object: a certificate PDF, or a package. */
    @Param({"256", "2048"})
    public int objectKiB;

    /** Objects the audit reads at once (the default setting is 4). */
    @Param({"4"})
    public int parallelism;

    private int objects;

    private TestBed bed;
    private final List<Path> files = new ArrayList<>();
    private final byte[] buffer = new byte[256 * 1024];

    @Setup(Level.Trial)
    public void archive() throws Exception {
        ArchiveSettings defaults = TestBed.settings(Duration.ofHours(1));
        bed = TestBed.start(TestBed.sharedPostgres(), new ArchiveSettings(defaults.certificatesBucket(),
                defaults.packagesBucket(), defaults.requireObjectLock(), defaults.retention(), defaults.orphanGrace(),
                defaults.progressInterval(), parallelism), TestBed.quickRetries());
        objects = MIB * 1024 / objectKiB;
        Random random = new Random(2);
        for (int i = 0; i < objects; i++) {
            byte[] pdf = new byte[objectKiB * 1024];
            random.nextBytes(pdf);
            System.arraycopy("%PDF-1.7\n".getBytes(), 0, pdf, 0, 9);
            ECertificate stored = ((ArchiveResult.Stored<ECertificate>) bed.archive.certificates().store(new StoreCertificate(UUID.randomUUID(),
                    "business-licence", "AUDIT-" + i, "h", "上海市市场监督管理局", Instant.parse("2026-11-27T08:00:00Z"),
                    Optional.empty(), pdf))).record();
            if (!TestBed.onCeph()) { // Ceph keeps no plain files to compare with: run fixityAudit alone there
                files.add(bed.objectFile(bed.certificates, stored.location().key()));
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        bed.close();
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public AuditReport fixityAudit() {
        AuditReport report = bed.archive.fixity().run();
        if (!report.findings().isEmpty() || report.objectsChecked() != objects) {
            throw new IllegalStateException("the audit found problems in an untouched archive");
        }
        return report;
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public Sha256 plainSha256FromDisk() throws IOException {
        var digest = Sha256.newDigest();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return Sha256.of(digest);
    }
}
