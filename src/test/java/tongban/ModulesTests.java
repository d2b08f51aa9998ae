package tongban;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The application's packages are modules (Spring Modulith): each is used only through its top-level package (its
 * API), its sub-packages stay internal, and no two modules depend on each other in a cycle. Runs in the normal build,
 * so a change that crosses a boundary fails it. Left out: the archive and seal services (libraries of their own,
 * whose internals {@link ArchitectureTests} keeps inside them) and the rule vocabulary, the language of the DRL that
 * every module may read and that {@link ArchitectureTests} keeps free of any dependency.
 */
class ModulesTests {

    @Test
    void theModulesKeepTheirBoundaries() {
        ApplicationModules.of(TongbanApplication.class,
                resideInAnyPackage("tongban.archive..", "tongban.seal..", "tongban.rules.vocabulary..")).verify();
    }
}
