package tongban;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Technology stays at the edges: each library is used by the one package that owns it. */
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
}
