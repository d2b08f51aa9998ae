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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    /** How long verification keeps a CRL fetched from a distribution point before asking the CA again. */
    private static final java.time.Duration CURRENT_CRL_MAX_AGE = java.time.Duration.ofMinutes(1);

    private final SealConfig config;
    private final SealAuditLog auditLog;
    private final Clock clock;
    private final List<X509Certificate> trustAnchors;
    private final LocalTestAuthority localAuthority;
    private final TimestampAuthority localTsa;
    private final PadesSealer sealer;
    private final Function<X509Certificate, List<byte[]>> currentCrls;
    private final List<KeySource> retiredKeys = new ArrayList<>();
    /** Replaced whole on a rotation, so a seal in progress keeps the key it started with. */
    private volatile Map<String, RegisteredSeal> seals;
    private volatile List<SealEntry> retired;
    private volatile DocumentVerifier verifier;

    private record RegisteredSeal(SealEntry entry, KeySource key, byte[] image, PadesSealer.PreparedImage prepared) {
    }

    private SealService(SealConfig config, SealAuditLog auditLog, Clock clock,
                        Map<String, RegisteredSeal> seals, List<SealEntry> retired,
                        List<X509Certificate> trustAnchors, LocalTestAuthority localAuthority,
                        TimestampAuthority localTsa, TimestampAuthority tsa, CrlSource crls,
                        CrlSource currentCrls) {
        this.config = config;
        this.auditLog = auditLog;
        this.clock = clock;
        this.seals = Map.copyOf(seals);
        this.retired = List.copyOf(retired);
        this.trustAnchors = List.copyOf(trustAnchors);
        this.localAuthority = localAuthority;
        this.localTsa = localTsa;
        this.sealer = new PadesSealer(tsa, crls, trustAnchors);
        this.currentCrls = currentCrls::crlsFor;
        this.verifier = newVerifier();
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
                List<SealEntry> retired = new ArrayList<>();
                for (Department department : config.departments()) {
                    KeySource key = open(authority.sealKey(department.id()));
                    opened.add(key);
                    seals.put(department.id(), register(department, key, images));
                    for (X509Certificate old : authority.retiredSeals(department.id())) {
                        // a rotation cut short after recording the old certificate still seals with it
                        if (!old.equals(key.chain().get(0))) {
                            retired.add(entry(department, old, List.of(old, authority.root()), key.kind(), false));
                        }
                    }
                }
                KeySource tsaKey = open(authority.tsaKey());
                opened.add(tsaKey);
                TimestampAuthority tsa = new LocalTimestampAuthority(tsaKey, clock);
                CrlSource crls = certificate -> List.of(authority.currentCrl().der());
                return new SealService(config, auditLog, clock, seals, retired, List.of(authority.root()),
                        authority, tsa, tsa, crls, crls);
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
            return new SealService(config, auditLog, clock, seals, List.of(), anchors, null, null,
                    new HttpTimestampAuthority(config.timestampAuthorityUrl()), new DistributionPointCrlSource(),
                    new DistributionPointCrlSource(CURRENT_CRL_MAX_AGE));
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
     * RFC 3161 timestamp, at BASELINE_LT the chain's revocation data, at BASELINE_LTA also a document timestamp.
     * Records the application in the audit log before returning.
     *
     * @throws UnknownDepartmentException   when the department has no seal
     * @throws NotAPdfException             when the bytes are not a PDF
     * @throws InvalidSealRequestException  when the PDF cannot be read or the position is off the page
     * @throws SealServiceException         code KEY_UNAVAILABLE / TIMESTAMP_UNAVAILABLE / CRL_UNAVAILABLE, or
     *                                      SEAL_REVOKED when the department's seal is revoked and not yet rotated
     */
    public SealedDocument seal(SealCommand command) {
        RegisteredSeal seal = seals.get(command.departmentId());
        if (seal == null) {
            throw new UnknownDepartmentException(command.departmentId());
        }
        if (!PdfHeader.present(command.pdf())) {
            throw new NotAPdfException("the document to seal is not a PDF");
        }
        if (revokedAt(seal.entry().chain().get(0)).isPresent()) {
            throw new SealServiceException("SEAL_REVOKED", "the seal " + seal.entry().sealId()
                    + " is revoked; rotate it before sealing again");
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
     * Renews a sealed document's long-term validity (长期验证续期): appends the validation data of its signatures and
     * timestamps and a new archive (document) timestamp over all of it, leaving the bytes before untouched. The
     * result verifies as the same seal with only allowed changes added.
     *
     * @throws NotAPdfException            when the bytes are not a PDF
     * @throws InvalidSealRequestException when the PDF cannot be read or has no timestamped seal
     * @throws SealServiceException        code TIMESTAMP_UNAVAILABLE / CRL_UNAVAILABLE
     */
    public RenewedDocument renew(byte[] pdf) {
        if (!PdfHeader.present(pdf)) {
            throw new NotAPdfException("the document to renew is not a PDF");
        }
        PadesSealer.Sealed renewed = sealer.renew(pdf);
        return new RenewedDocument(renewed.pdf(), sha256(renewed.pdf()), lastTimestamp(renewed.pdf()).orElseThrow());
    }

    /**
     * The document's last timestamp, from which its next renewal is due; empty when it has none.
     *
     * @throws NotAPdfException            when the bytes are not a PDF
     * @throws InvalidSealRequestException when the PDF cannot be read
     */
    public Optional<LastTimestamp> lastTimestamp(byte[] pdf) {
        if (!PdfHeader.present(pdf)) {
            throw new NotAPdfException("the file is not a PDF");
        }
        return PadesSealer.lastTimestamp(pdf);
    }

    /**
     * Rotates a department's seal (换章): a new key and certificate from the local test authority seal from now on;
     * the old certificate stays registered (retired) so every document it sealed still verifies.
     *
     * @throws UnknownDepartmentException  when the department has no seal
     * @throws SealAdministrationException SEAL_AUTHORITY_EXTERNAL outside the embedded default: there the CA that
     *                                     issued the configured keys rotates them
     */
    public synchronized SealEntry rotate(String departmentId) {
        RegisteredSeal old = seals.get(departmentId);
        if (old == null) {
            throw new UnknownDepartmentException(departmentId);
        }
        Department department = config.departments().stream().filter(d -> d.id().equals(departmentId)).findFirst()
                .orElseThrow();
        KeySource key = open(authority().rotateSealKey(department));
        Map<String, RegisteredSeal> next = new LinkedHashMap<>(seals);
        next.put(departmentId, new RegisteredSeal(entry(department, key.chain().get(0), key.chain(), key.kind(), true),
                key, old.image(), old.prepared()));
        List<SealEntry> nowRetired = new ArrayList<>(retired);
        nowRetired.add(old.entry().withState(false, Optional.empty()));
        retiredKeys.add(old.key());
        retired = List.copyOf(nowRetired);
        seals = Map.copyOf(next);
        verifier = newVerifier();
        return next.get(departmentId).entry();
    }

    /**
     * Revokes a seal (吊销印章) as of {@code command.at()}: the local test authority's CRL lists it from now on, and
     * verification reads that CRL. A revoked current seal seals nothing until the department's seal is rotated.
     *
     * @throws UnknownSealException        when no seal has that id
     * @throws SealAdministrationException SEAL_AUTHORITY_EXTERNAL outside the embedded default (the external CA
     *                                     revokes), SEAL_ALREADY_REVOKED, INVALID_REVOCATION_TIME
     */
    public synchronized SealEntry revoke(RevokeSeal command) {
        LocalTestAuthority authority = authority();
        SealEntry seal = allSeals().stream().filter(s -> s.sealId().equals(command.sealId())).findFirst()
                .orElseThrow(() -> new UnknownSealException(command.sealId()));
        if (seal.revokedAt().isPresent()) {
            throw new SealAdministrationException("SEAL_ALREADY_REVOKED", null, "the seal " + seal.sealId()
                    + " was revoked on " + seal.revokedAt().get());
        }
        if (command.at().isAfter(clock.instant())) {
            throw new SealAdministrationException("INVALID_REVOCATION_TIME", "at",
                    "a revocation cannot be dated in the future");
        }
        if (command.at().isBefore(seal.notBefore())) {
            throw new SealAdministrationException("INVALID_REVOCATION_TIME", "at",
                    "the seal's certificate is valid only from " + seal.notBefore());
        }
        authority.revoke(seal.chain().get(0), command.at(), command.reason().code());
        return seal.withState(seal.current(), revokedAt(seal.chain().get(0)));
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

    /** The seals departments seal with now, in configuration order. */
    public List<SealEntry> seals() {
        Map<String, RegisteredSeal> current = seals;
        return config.departments().stream().map(d -> current.get(d.id())).map(this::withRevocation).toList();
    }

    /** Every seal of the registry: the current ones, then those retired by rotations; with their revocations. */
    public List<SealEntry> allSeals() {
        List<SealEntry> all = new ArrayList<>(seals());
        retired.stream().map(e -> e.withState(false, revokedAt(e.chain().get(0)))).forEach(all::add);
        return all;
    }

    /** The current seal of a department. */
    public Optional<SealEntry> sealOf(String departmentId) {
        return Optional.ofNullable(seals.get(departmentId)).map(this::withRevocation);
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
    public synchronized void close() {
        seals.values().forEach(s -> s.key().close());
        retiredKeys.forEach(KeySource::close);
    }

    private DocumentVerifier newVerifier() {
        List<SealEntry> known = new ArrayList<>(seals.values().stream().map(RegisteredSeal::entry).toList());
        known.addAll(retired);
        return new DocumentVerifier(trustAnchors, known, currentCrls, clock);
    }

    private LocalTestAuthority authority() {
        if (localAuthority == null) {
            throw new SealAdministrationException("SEAL_AUTHORITY_EXTERNAL", null, "the seals are configured keys"
                    + " of an external CA: rotate or revoke them there and configure the new key");
        }
        return localAuthority;
    }

    private Optional<Instant> revokedAt(X509Certificate certificate) {
        return localAuthority == null ? Optional.empty() : localAuthority.revokedAt(certificate);
    }

    private SealEntry withRevocation(RegisteredSeal seal) {
        return seal.entry().withState(true, revokedAt(seal.entry().chain().get(0)));
    }

    private static KeySource open(KeyLocation location) {
        if (location instanceof KeyLocation.Pkcs12File p12) {
            return Pkcs12KeySource.open(p12);
        }
        return Pkcs11KeySource.open((KeyLocation.Pkcs11Token) location);
    }

    private static RegisteredSeal register(Department department, KeySource key, SealImage images) {
        byte[] png = images.png(department.name(), department.purpose());
        return new RegisteredSeal(entry(department, key.chain().get(0), key.chain(), key.kind(), true), key, png,
                PadesSealer.prepare(png));
    }

    private static SealEntry entry(Department department, X509Certificate certificate, List<X509Certificate> chain,
                                   KeyKind kind, boolean current) {
        return new SealEntry(department.id(), department.name(), sealId(department.id(), certificate),
                department.purpose(), certificate.getSubjectX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), kind, chain, current,
                Optional.empty());
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
