package tongban.support;

/** The test Ceph RGW of {@code scripts/ceph-s3.sh}, named by {@code TONGBAN_TEST_CEPH_*} (the ceph Maven profile). */
public final class Ceph {

    private Ceph() {
    }

    /** {@code TONGBAN_TEST_CEPH_<name>}, e.g. ENDPOINT, ACCESS_KEY, SECRET_KEY; fails plainly if it is not set. */
    public static String setting(String name) {
        String value = System.getenv("TONGBAN_TEST_CEPH_" + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("TONGBAN_TEST_CEPH_" + name + " is not set: start Ceph with scripts/ceph-s3.sh up"
                    + " and export what 'scripts/ceph-s3.sh test-env' prints");
        }
        return value;
    }
}
