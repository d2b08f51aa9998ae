package tongban.materials;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tika stays inside the materials package: no other package uses it, and no public signature shows it. */
class MaterialsBoundaryTests {

    private static JavaClasses app;

    @BeforeAll
    static void importClasses() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("tongban");
    }

    @Test
    void onlyTheMaterialsPackageUsesTika() {
        noClasses().that().resideOutsideOfPackage("tongban.materials..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.tika..")
                .check(app);
    }

    @Test
    void thePublicApiShowsNoTikaOrCompressType() {
        codeUnits().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAPackage("tongban.materials")
                .should(new ArchCondition<JavaCodeUnit>("show no Tika or Commons Compress type") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean leaks = unit.getRawReturnType().getPackageName().startsWith("org.apache")
                                || unit.getRawParameterTypes().stream().map(JavaClass::getPackageName)
                                        .anyMatch(name -> name.startsWith("org.apache"));
                        events.add(new SimpleConditionEvent(unit, !leaks, unit.getFullName()));
                    }
                })
                .check(app);
    }
}
