package tongban;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Technology stays at the edges: each library is used by the one package that owns it; the archive's and the seal
 * service's internals stay inside them (the app uses their API packages, the S3 adapter and the embedded test beds).
 */
class ArchitectureTests {

    private static JavaClasses app;

    @BeforeAll
    static void importClasses() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("tongban");
    }

    @Test
    void onlyTheRulesPackageUsesDrools() {
        noClasses().that().resideOutsideOfPackage("tongban.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(app);
    }

    @Test
    void theRuleVocabularyDependsOnNothingButTheJdkAndKieApi() {
        classes().that().resideInAPackage("tongban.rules.vocabulary")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "tongban.rules.vocabulary",
                        "org.kie.api.definition.rule")
                .check(app);
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().notBePublic().check(app);
    }

    @Test
    void identityNumbersDependOnNoFramework() {
        noClasses().that().haveSimpleName("ResidentIdNumber").or().haveSimpleName("CreditCode")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(app);
    }

    @Test
    void theArchiveInternalsStayInsideTheArchive() {
        noClasses().that().resideOutsideOfPackage("tongban.archive..")
                .should().dependOnClassesThat(resideInAnyPackage("tongban.archive.registry..", "tongban.archive.bagit..",
                        "tongban.archive.fixity..")
                        .or(resideInAPackage("tongban.archive.s3..").and(not(simpleName("MinioObjectStore")))))
                .check(app);
    }

    @Test
    void theSealServiceInternalsStayInsideIt() {
        noClasses().that().resideOutsideOfPackage("tongban.seal..")
                .should().dependOnClassesThat().resideInAnyPackage("tongban.seal.verification..",
                        "tongban.seal.timestamp..", "tongban.seal.image..", "tongban.seal.keys..", "tongban.seal.pades..")
                .check(app);
    }

    @Test
    void theObjectStoreKnowsNoAdapter() {
        // the API package names what the archive needs; the S3 adapter implements it, never the other way round
        noClasses().that().resideInAPackage("tongban.archive")
                .should().dependOnClassesThat().resideInAPackage("tongban.archive.s3..")
                .check(app);
    }
}
