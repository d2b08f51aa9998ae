package tongban.seal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Technology stays at the edges: iText only in pades, and the API package names no library type. */
class SealModuleBoundaryTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tongban.seal");

    @Test
    void onlyThePadesPackageUsesIText() {
        noClasses().that().resideOutsideOfPackage("tongban.seal.pades..")
                .should().dependOnClassesThat().resideInAPackage("com.itextpdf..")
                .check(MAIN);
    }

    @Test
    void theApiPackageUsesNeitherITextNorBouncyCastle() {
        noClasses().that().resideInAPackage("tongban.seal")
                .should().dependOnClassesThat().resideInAnyPackage("com.itextpdf..", "org.bouncycastle..")
                .check(MAIN);
    }

    @Test
    void theVerifierDependsOnNoSealingCode() {
        noClasses().that().resideInAPackage("tongban.seal.verification..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.seal.pades..", "tongban.seal.keys..",
                        "tongban.seal.timestamp..", "tongban.seal.image..")
                .check(MAIN);
    }
}
