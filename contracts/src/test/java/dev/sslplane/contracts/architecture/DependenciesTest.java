package dev.sslplane.contracts.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every service depends on {@code contracts}; {@code contracts} depends on none of our code. */
class DependenciesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sslplane.contracts");

    @Test
    void contractsDependOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.sslplane.contracts..")
                .should().dependOnClassesThat(resideInAPackage("dev.sslplane..")
                        .and(resideOutsideOfPackage("dev.sslplane.contracts..")))
                .check(MAIN);
    }
}
