package dev.sslplane.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The services and the tools share code only through the library modules ({@code contracts},
 * {@code security-support}, {@code node-client}), never by using one another's classes.
 */
class BoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sslplane.query");

    @Test
    void dependsOnNoOtherService() {
        noClasses().that().resideInAPackage("dev.sslplane.query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.sslplane.commandservice..",
                        "dev.sslplane.worker..",
                        "dev.sslplane.fleet..",
                        "dev.sslplane.localstack..")
                .check(MAIN);
    }
}
