package tongban.support;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import tongban.seal.keys.Pem;

/**
 * Seal keys as a production installation configures them, made at test time: a root that is not the local test
 * authority's, one PKCS#12 seal key per department with its password in a file of its own, the root as a PEM trust
 * anchor. {@link #properties()} are the {@code tongban.seals.*} settings naming them.
 */
public final class ProductionKeys {

    private final Path anchors;
    private final Map<String, Path[]> keys = new LinkedHashMap<>();

    private ProductionKeys(Path anchors) {
        this.anchors = anchors;
    }

    /**
     * Every department of the shipped rule packs, id to printed name: each needs a key in production, and a pack
     * added with a department of its own (files only) needs no change here.
     */
    public static Map<String, String> packDepartments() {
        Map<String, String> departments = new java.util.TreeMap<>();
        tools.jackson.dataformat.yaml.YAMLMapper yaml = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();
        try (var packs = Files.list(Path.of("rules"))) {
            for (Path item : packs.map(p -> p.resolve("item.yaml")).filter(Files::isRegularFile).toList()) {
                var department = yaml.readTree(Files.readString(item)).path("department");
                departments.put(department.path("id").asString(), department.path("zh").asString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return departments;
    }

    public static ProductionKeys create(Path directory, List<String> departments) throws Exception {
        Files.createDirectories(directory);
        KeyPair rootPair = ecKey();
        X500Name rootName = new X500Name("C=CN,O=Shanghai Government Test Root,CN=Tongban Production-Like Root");
        X509Certificate root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, from(), until(), rootName,
                rootPair.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), rootPair.getPrivate());
        ProductionKeys made = new ProductionKeys(Files.writeString(directory.resolve("roots.pem"), Pem.write(List.of(root))));
        long serial = 2;
        for (String department : departments) {
            KeyPair pair = ecKey();
            X509Certificate seal = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.valueOf(serial++), from(),
                    until(), new X500Name("C=CN,O=" + department + ",CN=" + department + " seal"), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)),
                    rootPair.getPrivate());
            String password = "pw-" + department + "-" + System.nanoTime();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("seal", pair.getPrivate(), password.toCharArray(), new Certificate[]{seal, root});
            Path file = directory.resolve(department + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            Path passwordFile = Files.writeString(directory.resolve(department + ".pass"), password);
            made.keys.put(department, new Path[]{file, passwordFile});
        }
        return made;
    }

    /** {@code tongban.seals.*} as command-line arguments, with the given TSA URL. */
    public List<String> properties(String tsaUrl) {
        List<String> properties = new ArrayList<>();
        properties.add("--tongban.seals.tsa-url=" + tsaUrl);
        properties.add("--tongban.seals.trust-anchors[0]=" + anchors);
        keys.forEach((department, files) -> {
            properties.add("--tongban.seals.keys." + department + ".kind=PKCS12");
            properties.add("--tongban.seals.keys." + department + ".file=" + files[0]);
            properties.add("--tongban.seals.keys." + department + ".password-file=" + files[1]);
            properties.add("--tongban.seals.keys." + department + ".alias=seal");
        });
        return properties;
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, PrivateKey issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer)));
    }

    private static Date from() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date until() {
        return Date.from(Instant.now().plus(Duration.ofDays(365)));
    }
}
