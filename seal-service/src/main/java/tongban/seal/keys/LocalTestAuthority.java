package tongban.seal.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tongban.seal.Department;
import tongban.seal.KeyLocation;
import tongban.seal.RevocationList;
import tongban.seal.Secret;
import tongban.seal.SealServiceException;

/**
 * The embedded default's local test authority (本地测试证书机构): a root CA, one seal key per department and a
 * timestamp-authority key, kept as PKCS#12 files under a data directory and protected by a generated secret
 * ({@code secret}, mode 0600, never logged). Created on first start, reloaded afterwards; departments added later
 * get their seal on the next start. Every subject is marked LOCAL TEST / NOT FOR PRODUCTION.
 */
public final class LocalTestAuthority {

    /** Organisation of every subject, so no one mistakes these certificates for real ones. */
    public static final String ORGANISATION = "Tongban local test authority - NOT FOR PRODUCTION";
    /** File name the root's CRL is served under. */
    public static final String CRL_FILE_NAME = "local-root-ca.crl";

    private static final String ROOT_FILE = "local-root-ca.p12";
    private static final String TSA_FILE = "local-tsa.p12";
    private static final String SECRET_FILE = "secret";
    private static final String REVOCATIONS_FILE = "revocations";
    private static final String ALIAS = "key";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);

    private final Path directory;
    private final Secret secret;
    private final URI crlBaseUrl;
    private final Clock clock;
    private final PrivateKey rootKey;
    private final X509Certificate root;
    private final Object revocationLock = new Object();
    private volatile List<Revocation> revocations = List.of();
    private volatile CachedCrl lastCrl;

    private record CachedCrl(RevocationList crl, List<Revocation> basis) {
    }

    /** A certificate this authority revoked: its serial number, since when, and why (RFC 5280 reason code). */
    public record Revocation(BigInteger serial, Instant at, int reason) {
    }

    private LocalTestAuthority(Path directory, Secret secret, URI crlBaseUrl, Clock clock, PrivateKey rootKey,
                               X509Certificate root) {
        this.directory = directory;
        this.secret = secret;
        this.crlBaseUrl = crlBaseUrl;
        this.clock = clock;
        this.rootKey = rootKey;
        this.root = root;
    }

    /**
     * Loads the authority from {@code directory}, creating whatever is missing: the secret, the root, the TSA key and
     * one seal key per department.
     */
    public static LocalTestAuthority openOrCreate(Path directory, List<Department> departments, URI crlBaseUrl,
                                                  Clock clock) {
        try {
            Files.createDirectories(directory);
            Secret secret = loadOrCreateSecret(directory.resolve(SECRET_FILE));
            LocalTestAuthority authority;
            Path rootFile = directory.resolve(ROOT_FILE);
            if (Files.exists(rootFile)) {
                KeyStore store = load(rootFile, secret);
                authority = new LocalTestAuthority(directory, secret, crlBaseUrl, clock,
                        (PrivateKey) store.getKey(ALIAS, secret.reveal()),
                        (X509Certificate) store.getCertificate(ALIAS));
            } else {
                KeyPair pair = newKeyPair();
                X500Name subject = name("Tongban LOCAL TEST Root CA", null);
                Instant now = clock.instant();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), from(now),
                        Date.from(now.plus(Duration.ofDays(365L * 30))), subject, pair.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        ext.createSubjectKeyIdentifier(pair.getPublic()));
                X509Certificate root = certificate(builder, pair.getPrivate());
                authority = new LocalTestAuthority(directory, secret, crlBaseUrl, clock, pair.getPrivate(), root);
                authority.store(rootFile, pair.getPrivate(), List.of(root));
            }
            if (!Files.exists(directory.resolve(TSA_FILE))) {
                authority.createTsaKey();
            }
            for (Department department : departments) {
                if (!Files.exists(authority.sealFile(department.id()))) {
                    authority.createSealKey(department);
                }
            }
            authority.revocations = readRevocations(directory.resolve(REVOCATIONS_FILE));
            authority.writeCrlFile();
            return authority;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new SealServiceException("KEY_UNAVAILABLE",
                    "cannot open or create the local test authority in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The root CA certificate: the one trust anchor of the embedded default. */
    public X509Certificate root() {
        return root;
    }

    /** Where a department's seal key is kept. */
    public KeyLocation.Pkcs12File sealKey(String departmentId) {
        return new KeyLocation.Pkcs12File(sealFile(departmentId), secret, ALIAS);
    }

    /** Where the timestamp authority's key is kept. */
    public KeyLocation.Pkcs12File tsaKey() {
        return new KeyLocation.Pkcs12File(directory.resolve(TSA_FILE), secret, ALIAS);
    }

    /**
     * Issues a seal certificate for a key held elsewhere (e.g. generated inside a PKCS#11 token), so an HSM key can
     * seal under the embedded default's root.
     */
    public X509Certificate issueSealCertificate(Department department, PublicKey sealKey) {
        try {
            return sealCertificate(department, sealKey);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new SealServiceException("KEY_UNAVAILABLE", "cannot issue a seal certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Retires a department's seal: a new key pair and certificate replace it for sealing, and the old certificate is
     * kept (in {@code retired-seal-<department>.pem}) so documents it sealed still verify. Returns the new key.
     */
    public KeyLocation.Pkcs12File rotateSealKey(Department department) {
        try {
            Path retired = retiredFile(department.id());
            String old = Pem.write(List.of((X509Certificate) load(sealFile(department.id()), secret)
                    .getCertificate(ALIAS)));
            Files.writeString(retired, old, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            createSealKey(department);
            return sealKey(department.id());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new SealServiceException("KEY_UNAVAILABLE", "cannot rotate the seal of " + department.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The department's retired seal certificates, oldest first. */
    public List<X509Certificate> retiredSeals(String departmentId) {
        Path retired = retiredFile(departmentId);
        try {
            return Files.exists(retired) ? Pem.readCertificates(Files.readString(retired)) : List.of();
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new SealServiceException("KEY_UNAVAILABLE", "cannot read " + retired + ": " + e.getMessage(), e);
        }
    }

    /**
     * Revokes a certificate this authority issued, as of {@code at} (RFC 5280 {@code reason} code): recorded in
     * {@code revocations} and listed in every CRL from now on.
     */
    public void revoke(X509Certificate certificate, Instant at, int reason) {
        synchronized (revocationLock) {
            Revocation revocation = new Revocation(certificate.getSerialNumber(), at.truncatedTo(ChronoUnit.SECONDS),
                    reason);
            try {
                Files.writeString(directory.resolve(REVOCATIONS_FILE), revocation.serial().toString(16) + " "
                                + revocation.at().getEpochSecond() + " " + reason + "\n", StandardCharsets.US_ASCII,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                List<Revocation> all = new java.util.ArrayList<>(revocations);
                all.add(revocation);
                revocations = List.copyOf(all);
                writeCrlFile();
            } catch (IOException e) {
                throw new SealServiceException("CRL_UNAVAILABLE", "cannot record the revocation: " + e.getMessage(),
                        e);
            }
        }
    }

    /** When {@code certificate} was revoked by this authority, if it was. */
    public Optional<Instant> revokedAt(X509Certificate certificate) {
        return revocations.stream().filter(r -> r.serial().equals(certificate.getSerialNumber())
                && certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal()))
                .map(Revocation::at).findFirst();
    }

    /**
     * A freshly signed CRL of the root, listing every revocation. Its thisUpdate is rounded up to the next second so
     * it is never earlier than a timestamp taken just before.
     */
    public RevocationList currentCrl() {
        Instant thisUpdate = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        List<Revocation> revoked = revocations;
        CachedCrl last = lastCrl;
        if (last != null && last.crl().thisUpdate().equals(thisUpdate) && last.basis() == revoked) {
            // one CRL per second and revocation list: a seal asks once per certificate of its chains
            return last.crl();
        }
        Instant nextUpdate = thisUpdate.plus(CRL_VALIDITY);
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revocation r : revoked) {
                builder.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
            }
            // a revocation within the second still gets a higher number than the CRL before it
            builder.addExtension(Extension.cRLNumber, false,
                    new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond()).shiftLeft(16)
                            .add(BigInteger.valueOf(revoked.size()))));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(signer(rootKey)));
            RevocationList list = new RevocationList(CRL_FILE_NAME, root.getSubjectX500Principal().getName(),
                    crl.getEncoded(), thisUpdate, nextUpdate);
            lastCrl = new CachedCrl(list, revoked);
            return list;
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new SealServiceException("CRL_UNAVAILABLE", "cannot sign a CRL: " + e.getMessage(), e);
        }
    }

    private void writeCrlFile() throws IOException {
        Path target = directory.resolve(CRL_FILE_NAME);
        Path temp = directory.resolve(CRL_FILE_NAME + ".tmp");
        Files.write(temp, currentCrl().der());
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void createTsaKey() throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair pair = newKeyPair();
        X509v3CertificateBuilder builder = issued(name("Tongban LOCAL TEST Timestamp Authority", null),
                pair.getPublic(), Duration.ofDays(365L * 20));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        // RFC 3161 §2.3: the TSA certificate carries exactly this extended key usage, marked critical
        builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        store(directory.resolve(TSA_FILE), pair.getPrivate(), List.of(certificate(builder, rootKey), root));
    }

    private void createSealKey(Department department)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair pair = newKeyPair();
        store(sealFile(department.id()), pair.getPrivate(),
                List.of(sealCertificate(department, pair.getPublic()), root));
    }

    private X509Certificate sealCertificate(Department department, PublicKey key)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder builder = issued(
                name(department.name() + " " + department.purpose() + " (LOCAL TEST)", department.id()), key,
                Duration.ofDays(365L * 10));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return certificate(builder, rootKey);
    }

    private X509v3CertificateBuilder issued(X500Name subject, PublicKey key, Duration validity)
            throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, serial(), from(now),
                Date.from(now.plus(validity)), subject, key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        if (crlBaseUrl != null) {
            GeneralName url = new GeneralName(GeneralName.uniformResourceIdentifier,
                    crlBaseUrl.toString().replaceAll("/+$", "") + "/" + CRL_FILE_NAME);
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(url)), null, null)}));
        }
        return builder;
    }

    private Path sealFile(String departmentId) {
        return directory.resolve("seal-" + departmentId + ".p12");
    }

    private Path retiredFile(String departmentId) {
        return directory.resolve("retired-seal-" + departmentId + ".pem");
    }

    private static List<Revocation> readRevocations(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Revocation> read = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 3) {
                read.add(new Revocation(new BigInteger(fields[0], 16), Instant.ofEpochSecond(Long.parseLong(fields[1])),
                        Integer.parseInt(fields[2])));
            }
        }
        return List.copyOf(read);
    }

    private void store(Path file, PrivateKey key, List<X509Certificate> chain)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = secret.reveal();
        store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
        Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyStore load(Path file, Secret secret) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, secret.reveal());
        }
        return store;
    }

    private static Secret loadOrCreateSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Secret.readFrom(file);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            // created with 0600 from the start, so the secret is never readable by others, even briefly
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return Secret.readFrom(file);
        }
        Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
        return Secret.of(value);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName, String organisationalUnit) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.O, ORGANISATION);
        if (organisationalUnit != null) {
            builder.addRDN(BCStyle.OU, organisationalUnit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static Date from(Instant now) {
        // back-dated a minute so a certificate made at start-up is valid for a timestamp taken at once
        return Date.from(now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));
    }
}
