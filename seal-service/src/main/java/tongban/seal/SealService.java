package tongban.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tongban.seal.image.SealImage;
import tongban.seal.keys.LocalTestAuthority;
import tongban.seal.keys.Pem;
import tongban.seal.keys.Pkcs11KeySource;
import tongban.seal.keys.Pkcs12KeySource;
import tongban.seal.pades.CrlSource;
import tongban.seal.pades.DistributionPointCrlSource;
import tongban.seal.pades.PadesSealer;
import tongban.seal.timestamp.HttpTimestampAuthority;
import tongban.seal.timestamp.LocalTimestampAuthority;
import tongban.seal.verification.DocumentVerifier;

/**
 * The seal service (印章服务): the seal registry, sealing (盖章) and verification (验证) of PDF documents, and — in
 * the embedded default — the local timestamp authority and CRLs the app serves over HTTP.
 *
 * <p>Thread-safe; open once with {@link #start(SealConfig, SealAuditLog, Clock)} and {@link #close()} at shutdown.
 */
public final class SealService implements AutoCloseable {

    private final SealConfig config;
    private final SealAuditLog auditLog;
    private final Clock clock;
    private final Map<String, RegisteredSeal> seals;
    private final List<X509Certificate> trustAnchors;
    private final LocalTestAuthority localAuthority;
    private final TimestampAuthority localTsa;
    private final PadesSealer sealer;
    private final DocumentVerifier verifier;

    private record RegisteredSeal(SealEntry entry, KeySource key, byte[] image, PadesSealer.PreparedImage prepared) {
    }

    private SealService(SealConfig config, SealAuditLog auditLog, Clock clock, Map<String, RegisteredSeal> seals,
                        List<X509Certificate> trustAnchors, LocalTestAuthority localAuthority,
                        TimestampAuthority localTsa, TimestampAuthority tsa, CrlSource crls) {
        this.config = config;
        this.auditLog = auditLog;
        this.clock = clock;
        this.seals = seals;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.localAuthority = localAuthority;
        this.localTsa = localTsa;
        this.sealer = new PadesSealer(tsa, crls, trustAnchors);
        this.verifier = new DocumentVerifier(trustAnchors,
                seals.values().stream().map(RegisteredSeal::entry).toList(), clock);
    }

    /**
     * Opens the keys and registry described by {@code config}; in the embedded default creates (first start) or
     * reloads (later starts) the local test authority under {@link SealConfig#dataDirectory()}.
     *
     * @throws SealServiceException code KEY_UNAVAILABLE when a key, keystore or token cannot be opened
     */
    public static SealService start(SealConfig config, SealAuditLog auditLog, Clock clock) {
        SealImage images = SealImage.withFont(config.sealFont());
        Map<String, RegisteredSeal> seals = new LinkedHashMap<>();
        List<KeySource> opened = new ArrayList<>();
        try {
            if (config.isEmbeddedDefault()) {
                LocalTestAuthority authority = LocalTestAuthority.openOrCreate(config.dataDirectory(),
                        config.departments(), config.crlBaseUrl(), clock);
                for (Department department : config.departments()) {
                    KeySource key = open(authority.sealKey(department.id()));
                    opened.add(key);
                    seals.put(department.id(), register(department, key, images));
                }
                KeySource tsaKey = open(authority.tsaKey());
                opened.add(tsaKey);
                TimestampAuthority tsa = new LocalTimestampAuthority(tsaKey, clock);
                CrlSource crls = certificate -> List.of(authority.currentCrl().der());
                return new SealService(config, auditLog, clock, seals, List.of(authority.root()), authority, tsa,
                        tsa, crls);
            }
            List<X509Certificate> anchors = new ArrayList<>();
            for (Path file : config.trustAnchors()) {
                anchors.addAll(Pem.readCertificates(Files.readString(file)));
            }
            for (Department department : config.departments()) {
                KeySource key = open(department.key());
                opened.add(key);
                seals.put(department.id(), register(department, key, images));
            }
            return new SealService(config, auditLog, clock, seals, anchors, null, null,
                    new HttpTimestampAuthority(config.timestampAuthorityUrl()), new DistributionPointCrlSource());
        } catch (IOException | CertificateException | RuntimeException e) {
            opened.forEach(KeySource::close);
            if (e instanceof SealServiceException s) {
                throw s;
            }
            throw new SealServiceException("KEY_UNAVAILABLE", "cannot start the seal service: " + e.getMessage(), e);
        }
    }

    /** {@link #start(SealConfig, SealAuditLog, Clock)} with the system clock. */
    public static SealService start(SealConfig config, SealAuditLog auditLog) {
        return start(config, auditLog, Clock.systemUTC());
    }

    /**
     * Seals a PDF with the department's seal: visible seal image over {@code position}, PAdES signature with an
     * RFC 3161 timestamp, and at BASELINE_LT the chain's revocation data. Records the application in the audit
     * log before returning.
     *
     * @throws UnknownDepartmentException   when the department has no seal
     * @throws NotAPdfException             when the bytes are not a PDF
     * @throws InvalidSealRequestException  when the PDF cannot be read or the position is off the page
     * @throws SealServiceException         code KEY_UNAVAILABLE / TIMESTAMP_UNAVAILABLE / CRL_UNAVAILABLE
     */
    public SealedDocument seal(SealCommand command) {
        RegisteredSeal seal = seals.get(command.departmentId());
        if (seal == null) {
            throw new UnknownDepartmentException(command.departmentId());
        }
        if (!PdfHeader.present(command.pdf())) {
            throw new NotAPdfException("the document to seal is not a PDF");
        }
        SealLevel level = command.level() != null ? command.level() : config.defaultLevel();
        PadesSealer.Sealed sealed = sealer.seal(command.pdf(), seal.key(), seal.prepared(), command.position(),
                command.reason(), level);
        String sha256 = sha256(sealed.pdf());
        auditLog.record(new SealApplied(clock.instant(), command.actor(), command.departmentId(),
                seal.entry().sealId(), sha256(command.pdf()), sha256, level));
        return new SealedDocument(sealed.pdf(), sha256, command.departmentId(), seal.entry().sealId(), level,
                sealed.timestamp());
    }

    /**
     * Verifies a PDF strictly (see {@link VerificationReport}); the status check is left for the caller
     * ({@link VerificationReport#withStatus}). Malformed input yields an INVALID or INDETERMINATE report.
     *
     * @throws NotAPdfException when the bytes do not start like a PDF
     */
    public VerificationReport verify(byte[] pdf) {
        if (!PdfHeader.present(pdf)) {
            throw new NotAPdfException("the file is not a PDF");
        }
        return verifier.verify(pdf);
    }

    /** The seal registry, in configuration order. */
    public List<SealEntry> seals() {
        return seals.values().stream().map(RegisteredSeal::entry).toList();
    }

    /** The seal of a department. */
    public Optional<SealEntry> sealOf(String departmentId) {
        return Optional.ofNullable(seals.get(departmentId)).map(RegisteredSeal::entry);
    }

    /** The department's seal image as PNG (transparent background). */
    public byte[] sealImage(String departmentId) {
        RegisteredSeal seal = seals.get(departmentId);
        if (seal == null) {
            throw new UnknownDepartmentException(departmentId);
        }
        return seal.image().clone();
    }

    /** The in-process RFC 3161 TSA of the embedded default, to serve over HTTP; empty in production. */
    public Optional<TimestampAuthority> timestampAuthority() {
        return Optional.ofNullable(localTsa);
    }

    /** Freshly signed CRLs of the local test authority, to serve over HTTP; empty in production. */
    public List<RevocationList> revocationLists() {
        return localAuthority == null ? List.of() : List.of(localAuthority.currentCrl());
    }

    /** The roots seals and timestamps chain to. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** {@link #trustAnchors()} as a PEM bundle. */
    public String trustAnchorsPem() {
        return Pem.write(trustAnchors);
    }

    @Override
    public void close() {
        seals.values().forEach(s -> s.key().close());
    }

    private static KeySource open(KeyLocation location) {
        if (location instanceof KeyLocation.Pkcs12File p12) {
            return Pkcs12KeySource.open(p12);
        }
        return Pkcs11KeySource.open((KeyLocation.Pkcs11Token) location);
    }

    private static RegisteredSeal register(Department department, KeySource key, SealImage images) {
        X509Certificate certificate = key.chain().get(0);
        String sealId = sealId(department.id(), certificate);
        SealEntry entry = new SealEntry(department.id(), department.name(), sealId, department.purpose(),
                certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), key.kind(), key.chain());
        byte[] png = images.png(department.name(), department.purpose());
        return new RegisteredSeal(entry, key, png, PadesSealer.prepare(png));
    }

    static String sealId(String departmentId, X509Certificate certificate) {
        try {
            return departmentId + "-" + sha256(certificate.getEncoded()).substring(0, 16);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
