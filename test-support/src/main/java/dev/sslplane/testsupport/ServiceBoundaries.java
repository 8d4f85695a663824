package dev.sslplane.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The services and the tools share code only through the library modules ({@code contracts},
 * {@code security-support}, {@code node-client}), never by using one another's classes: one ArchUnit rule, checked
 * by each service's {@code BoundariesTest}.
 */
public final class ServiceBoundaries {

    private static final List<String> SERVICES = List.of("dev.sslplane.commandservice", "dev.sslplane.query",
            "dev.sslplane.worker", "dev.sslplane.fleet", "dev.sslplane.localstack");

    private ServiceBoundaries() {
    }

    /** Fails when a main class under {@code ownPackage} uses a class of another service. */
    public static void check(String ownPackage) {
        String[] others = SERVICES.stream().filter(service -> !service.equals(ownPackage))
                .map(service -> service + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ownPackage));
    }
}
