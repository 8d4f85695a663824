package dev.sslplane.worker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The job engine, its stages and the health gate see the nodes only through the {@code NodeOperator} SPI and the
 * replica-set client; which operator runs is configuration, so a new one (SSH, Kubernetes) changes nothing else.
 */
class LayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sslplane.worker");

    @Test
    void onlyTheConfigurationKnowsTheOperatorImplementations() {
        noClasses().that().resideOutsideOfPackages("dev.sslplane.worker.config..", "dev.sslplane.worker.node.fleet..",
                        "dev.sslplane.worker.node.simulated..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sslplane.worker.node.fleet..",
                        "dev.sslplane.worker.node.simulated..")
                .check(MAIN);
    }

    @Test
    void theNodeSpiDependsOnNoStageOfTheEngine() {
        noClasses().that().resideInAnyPackage("dev.sslplane.worker.node..", "dev.sslplane.worker.nodeclient..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sslplane.worker.job..",
                        "dev.sslplane.worker.intake..", "dev.sslplane.worker.progress..")
                .check(MAIN);
    }
}
