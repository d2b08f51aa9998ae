package tongban.verification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.identity.IdNumberDigest;
import tongban.identity.ResidentIdNumber;
import tongban.platform.ApiProblem;
import tongban.seal.NotAPdfException;
import tongban.seal.SealService;
import tongban.seal.VerificationReport;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.StatusCheck;
import tongban.verification.Verification.ArchiveCheck;
import tongban.verification.Verification.IdNumberCheck;

/**
 * Verify a document (验证): the strict core on the bytes, within the time and concurrency bounds; then, only for a
 * file intact and sealed by one of our seals, the certificate it says it is, its status in the registry and its
 * archived original, and whether a verifier's ID number is the holder's. A file from elsewhere is judged by the core
 * alone and its content never trusted. Each verification is timed in the metric {@code tongban.verifications},
 * tagged with its verdict or refusal code.
 */
@Component
class VerifyDocument {

    private final SealService seals;
    private final CertificateStatuses statuses;
    private final VerificationSlots slots;
    private final MeterRegistry meters;

    VerifyDocument(SealService seals, CertificateStatuses statuses, VerificationSlots slots, MeterRegistry meters) {
        this.seals = seals;
        this.statuses = statuses;
        this.slots = slots;
        this.meters = meters;
    }

    /**
     * @param idNumber a number to compare with the holder's, or null
     * @throws ApiProblem 415 NOT_A_PDF, 422 DOCUMENT_TOO_COMPLEX (over the parse time), 503 VERIFICATION_BUSY
     */
    Verification verify(byte[] pdf, ResidentIdNumber idNumber) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "ERROR";
        try {
            Verification verification = combine(pdf, slots.call(() -> parse(pdf, idNumber)));
            outcome = verification.verdict().name();
            return verification;
        } catch (ApiProblem refused) {
            outcome = refused.code();
            throw refused;
        } finally {
            sample.stop(Timer.builder("tongban.verifications").description("verifications of uploaded PDFs")
                    .tag("verdict", outcome).publishPercentileHistogram().register(meters));
        }
    }

    private Verification combine(byte[] pdf, Parsed parsed) {
        VerificationReport report = parsed.report();
        if (parsed.data().isEmpty()) {
            StatusCheck status = vouched(report)
                    ? new StatusCheck(Result.SKIPPED, "NOT_A_CERTIFICATE", null) : StatusCheck.notChecked();
            return Verification.of(report, status, ArchiveCheck.notChecked(), null, null, parsed.idNumberCheck());
        }
        CertificateStatuses.Checked checked = statuses.check(parsed.data().get(), pdf, report.document().sha256());
        return Verification.of(report, checked.status(), checked.archive(), checked.certificate(),
                parsed.data().get().holder(), parsed.idNumberCheck());
    }

    private record Parsed(VerificationReport report, Optional<EmbeddedCertificateData> data,
                          IdNumberCheck idNumberCheck) {
    }

    private Parsed parse(byte[] pdf, ResidentIdNumber idNumber) {
        VerificationReport report;
        try {
            report = seals.verify(pdf);
        } catch (NotAPdfException e) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "NOT_A_PDF",
                    "the file is not a PDF; upload the certificate's PDF file");
        }
        Optional<EmbeddedCertificateData> data = vouched(report) ? EmbeddedCertificateData.read(pdf) : Optional.empty();
        return new Parsed(report, data, idNumber == null ? null : compare(data, idNumber));
    }

    // the digest is slow on purpose, so it is computed here, inside the bounded verification slot
    private static IdNumberCheck compare(Optional<EmbeddedCertificateData> data, ResidentIdNumber idNumber) {
        IdNumberDigest digest = data.map(EmbeddedCertificateData::holder).map(Verification.Holder::idDigest).orElse(null);
        if (digest == null) {
            return IdNumberCheck.NOT_AVAILABLE;
        }
        return digest.matches(idNumber) ? IdNumberCheck.MATCHES : IdNumberCheck.DOES_NOT_MATCH;
    }

    // only the seal of one of our departments over an intact file makes the file's own words worth reading
    private static boolean vouched(VerificationReport report) {
        return report.checks().integrity().result() == Result.PASSED
                && report.checks().issuer().result() == Result.PASSED;
    }
}
