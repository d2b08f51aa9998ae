package tongban.archive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Archive the whole file of one application (电子档案) as one BagIt package: the application data as JSON, every
 * uploaded material as received, the decision JSON with its rule trace and the rule pack's version, the exact facts
 * it was decided on as JSON (empty for a record that kept none), and, when a certificate was issued, the sealed PDF
 * with its verification report JSON at archiving time.
 */
public record ArchiveApplication(String applicationId, String item, String department, Instant submittedAt,
                                 Instant decidedAt, byte[] applicationData, List<Material> materials, byte[] decision,
                                 Optional<byte[]> facts, String packVersion, Optional<SealedCertificate> certificate) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");

    public ArchiveApplication {
        Check.matches("applicationId", applicationId, ID);
        Check.matches("item", item, ITEM);
        Check.text("department", department, 256);
        Check.present("submittedAt", submittedAt);
        Check.present("decidedAt", decidedAt);
        if (decidedAt.isBefore(submittedAt)) {
            throw new InvalidArchiveInputException("decidedAt", "must not be before submittedAt");
        }
        Check.bytes("applicationData", applicationData);
        Check.present("materials", materials);
        materials = List.copyOf(materials);
        Check.bytes("decision", decision);
        Check.present("facts", facts);
        facts.ifPresent(bytes -> Check.bytes("facts", bytes));
        Check.text("packVersion", packVersion, 64);
        Check.present("certificate", certificate);
    }

    /** One uploaded material (材料), with the file name and media type it was received with. */
    public record Material(String code, String fileName, String mediaType, byte[] content) {

        static final Pattern FILE_NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,200}");

        public Material {
            Check.matches("code", code, ITEM);
            Check.matches("fileName", fileName, FILE_NAME);
            if (fileName.equals(".") || fileName.equals("..")) {
                throw new InvalidArchiveInputException("fileName", "is not a file name");
            }
            Check.text("mediaType", mediaType, 255);
            Check.present("content", content);
        }
    }

    /** The certificate issued for the application: its id in the library, the sealed PDF, the verification report. */
    public record SealedCertificate(UUID certificateId, byte[] pdf, byte[] verificationReport) {

        public SealedCertificate {
            Check.present("certificateId", certificateId);
            Check.pdf("certificate.pdf", pdf);
            Check.bytes("certificate.verificationReport", verificationReport);
        }
    }
}
