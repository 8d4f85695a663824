package dev.sslplane.commandservice.architecture;

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
            .importPackages("dev.sslplane.commandservice");

    @Test
    void dependsOnNoOtherService() {
        noClasses().that().resideInAPackage("dev.sslplane.commandservice..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.sslplane.query..",
                        "dev.sslplane.worker..",
                        "dev.sslplane.fleet..",
                        "dev.sslplane.localstack..")
                .check(MAIN);
    }
}
