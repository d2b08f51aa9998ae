package tongban.materials;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tongban.platform.WorkSlots;
import tongban.rules.MaterialSpec;

/**
 * Inspects uploaded materials (材料核验). For each file, in this order: its SHA-256; empty or over the size limit;
 * its real type from the bytes (Tika's default detector: magic and container detection, no name hint); a program
 * or script, whatever it is called or declared; a declared Content-Type or file name extension that disagrees with
 * the real type; then, for a type the material accepts and for any archive, a bounded parse (encrypted, damaged,
 * zip bomb, archives too deep, programs inside); last, a real type the material does not accept.
 *
 * <p>Detection and parsing run in a bounded pool under a time limit, so nothing an applicant uploads can hang or
 * exhaust the service; {@link #inspect} never throws for a file's content. Thread-safe; close it to stop its threads.
 */
public final class MaterialsInspector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MaterialsInspector.class);

    private final InspectionLimits limits;
    private final ContentCheck content;
    private final WorkSlots slots;

    public MaterialsInspector(InspectionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.content = new ContentCheck(limits);
        this.slots = new WorkSlots("materials-inspection", limits.concurrency(), limits.admissionWait());
    }

    public InspectionLimits limits() {
        return limits;
    }

    /**
     * The verdict on one file sent for {@code spec}'s material.
     *
     * @throws IllegalArgumentException when the file was sent for another material than {@code spec}'s
     */
    public InspectedMaterial inspect(ReceivedFile file, MaterialSpec spec) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(spec, "spec");
        if (!spec.code().equals(file.material())) {
            throw new IllegalArgumentException("file for " + file.material() + " inspected as " + spec.code());
        }
        Verdicts verdicts = new Verdicts(file);
        if (file.size() == 0) {
            return verdicts.rejected(null, RejectionCode.EMPTY_FILE, "the file is empty");
        }
        if (file.size() > limits.maxFileBytes()) {
            return verdicts.rejected(null, RejectionCode.FILE_TOO_LARGE, "the file has " + file.size()
                    + " bytes; at most " + limits.maxFileBytes() + " are accepted");
        }
        try {
            return slots.call(() -> examine(file, spec, verdicts), limits.parseTimeout());
        } catch (TimeoutException e) {
            return verdicts.rejected(null, RejectionCode.PARSE_TIMEOUT,
                    "reading the file took longer than " + limits.parseTimeout().toMillis() + " ms");
        } catch (RejectedExecutionException e) {
            return busy(verdicts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy(verdicts);
        } catch (ExecutionException e) {
            // a fault of ours or of a parser beyond what ContentCheck classifies: refuse the file, keep the evidence
            log.error("inspection of {} failed unexpectedly", file, e.getCause());
            return verdicts.rejected(null, RejectionCode.MALFORMED, "the file could not be read");
        }
    }

    @Override
    public void close() {
        slots.close();
    }

    private InspectedMaterial examine(ReceivedFile file, MaterialSpec spec, Verdicts verdicts) throws Exception {
        TypeEvidence types = TypeEvidence.of(content.detector(), file);
        String real = types.detectedBaseType();
        if (types.program()) {
            return verdicts.rejected(real, RejectionCode.EXECUTABLE_NOT_ALLOWED,
                    "the file is a program or script, which is never accepted");
        }
        if (!types.declaredAgrees()) {
            return verdicts.rejected(real, RejectionCode.TYPE_MISMATCH, "the file is " + real
                    + " but was sent as " + types.declared().getBaseType());
        }
        if (!types.nameAgrees()) {
            return verdicts.rejected(real, RejectionCode.TYPE_MISMATCH, "the file is " + real
                    + " but its name says " + types.named().getBaseType());
        }
        boolean accepted = spec.accepts(real);
        boolean archive = content.isArchive(types);
        if (accepted || archive) {
            Finding finding = content.check(file, types.detected(), archive);
            if (finding != null) {
                return verdicts.rejected(real, finding.code(), finding.detail());
            }
        }
        if (!accepted) {
            return verdicts.rejected(real, RejectionCode.TYPE_NOT_ACCEPTED, real + " is not accepted for "
                    + spec.code() + "; accepted: " + String.join(", ", spec.accepts()));
        }
        return verdicts.accepted(real);
    }

    private static InspectedMaterial busy(Verdicts verdicts) {
        return verdicts.rejected(null, RejectionCode.INSPECTION_BUSY, "too many files are being inspected; try again");
    }

    /** The parts of a verdict that do not depend on the inspection. */
    private static final class Verdicts {

        private final ReceivedFile file;
        private final String sha256;

        Verdicts(ReceivedFile file) {
            this.file = file;
            this.sha256 = file.sha256();
        }

        InspectedMaterial accepted(String detectedType) {
            return new InspectedMaterial(file.material(), file.filename(), file.declaredType(), detectedType,
                    file.size(), sha256, InspectedMaterial.Verdict.ACCEPTED, null, "accepted as " + detectedType);
        }

        InspectedMaterial rejected(String detectedType, RejectionCode code, String detail) {
            return new InspectedMaterial(file.material(), file.filename(), file.declaredType(), detectedType,
                    file.size(), sha256, InspectedMaterial.Verdict.REJECTED, code, detail);
        }
    }
}
