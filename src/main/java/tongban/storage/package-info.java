/**
 * Storage (存储): wires the archive service into the application. PostgreSQL for state and an S3 object store for
 * certificates and archive packages; with nothing configured, both run embedded under {@code tongban.data-dir}
 * (PostgreSQL binaries from Maven Central in {@code pg/}, S3Proxy in {@code s3/}). Exposes the archive's API
 * ({@code Archive}, {@code ECertificates}, {@code ArchivePackages}), health for the object store and WORM, the
 * scheduled fixity audit and the operators' archive endpoints.
 */
package tongban.storage;
