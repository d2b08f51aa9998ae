package tongban.support;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tongban.archive.ArchiveResult;
import tongban.archive.ECertificate;
import tongban.archive.ECertificates;
import tongban.archive.StoreCertificate;

/** Certificates put straight into the library for tests of what happens to them later, held by the demo's 张三. */
public final class StoredCertificates {

    /** 张三's ID number in the demo base library: the holder of what {@link #store} stores. */
    public static final String ZHANGSAN = "310101199001011234";

    private StoredCertificates() {
    }

    /** A small PDF-looking certificate of type test-certificate, its {@code label} in the bytes, a random number. */
    public static ECertificate store(ECertificates certificates, String label) {
        byte[] pdf = ("%PDF-1.7\n% " + label + " " + UUID.randomUUID() + "\n%%EOF\n").getBytes();
        ArchiveResult<ECertificate> result = certificates.store(new StoreCertificate(UUID.randomUUID(), "test-certificate",
                "T-" + UUID.randomUUID(), ZHANGSAN, "上海市黄浦区市场监督管理局", Instant.now(), Optional.empty(), pdf));
        return ((ArchiveResult.Stored<ECertificate>) result).record();
    }
}
