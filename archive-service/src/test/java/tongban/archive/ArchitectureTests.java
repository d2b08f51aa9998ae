package tongban.archive;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Technology stays at the edges: each library is used in the one subpackage that adapts it, never in the API. */
class ArchitectureTests {

    private static JavaClasses archive;

    @BeforeAll
    static void importClasses() {
        archive = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("tongban.archive");
    }

    @Test
    void onlyTheS3AdapterUsesTheMinioClient() {
        noClasses().that().resideOutsideOfPackage("tongban.archive.s3..")
                .should().dependOnClassesThat().resideInAnyPackage("io.minio..", "okhttp3..").check(archive);
    }

    @Test
    void onlyTheRegistryUsesJdbcAndPostgresql() {
        noClasses().that().resideOutsideOfPackages("tongban.archive.registry..", "tongban.archive.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..").check(archive);
    }

    @Test
    void onlyTheEmbeddedServersUseS3ProxyAndZonky() {
        noClasses().that().resideOutsideOfPackage("tongban.archive.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("org.gaul..", "io.zonky..").check(archive);
    }

    @Test
    void onlyTheBagitPackageUsesTheBagitLibrary() {
        noClasses().that().resideOutsideOfPackage("tongban.archive.bagit..")
                .should().dependOnClassesThat().resideInAnyPackage("gov.loc..").check(archive);
    }

    @Test
    void theApiPackageUsesNoTechnologyButADataSourceToBeWired() {
        noClasses().that().resideInAPackage("tongban.archive")
                .should().dependOnClassesThat().resideInAnyPackage("io.minio..", "okhttp3..", "java.sql..",
                        "org.postgresql..", "org.gaul..", "io.zonky..", "gov.loc..")
                .check(archive);
    }
}
