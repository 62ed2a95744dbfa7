package dev.parley.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Every service depends on the contracts, so they must not drag a framework or a client library along. */
@AnalyzeClasses(packages = "dev.parley.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTest {

    @ArchTest
    static final ArchRule freeOfSpringAndKafka = noClasses()
            .that()
            .resideInAPackage("dev.parley.contracts..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.kafka..");

    /** The event records are plain data: JDK types, Jackson's annotations and nullness marks only. */
    @ArchTest
    static final ArchRule eventsArePlainData = classes()
            .that()
            .resideInAnyPackage(
                    "dev.parley.contracts.chat..",
                    "dev.parley.contracts.presence..",
                    "dev.parley.contracts.routing..",
                    "dev.parley.contracts.tenant..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "com.fasterxml.jackson.annotation..",
                    "org.jspecify.annotations..",
                    "dev.parley.contracts..");
}
