package dev.sslplane.commandservice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The aggregate and its rules know nothing of how commands arrive or where events go. */
class LayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sslplane.commandservice");

    @Test
    void theDomainDependsOnNoIntakePublishingOrConfiguration() {
        noClasses().that().resideInAPackage("dev.sslplane.commandservice.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sslplane.commandservice.api..",
                        "dev.sslplane.commandservice.intake..", "dev.sslplane.commandservice.publishing..",
                        "dev.sslplane.commandservice.config..")
                .check(MAIN);
    }
}
