package dev.parley.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.parley.platform.consumer.IdempotentConsumer;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ParleyArchitecture;

@AnalyzeClasses(packages = "dev.parley.routing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests rules = ArchTests.in(ParleyArchitecture.class);

    /**
     * Every change of routing state is a decision holding its tenant's lock: only {@code Decisions}
     * opens transactions that write; the web layer opens read-only ones.
     */
    @ArchTest
    static final ArchRule STATE_CHANGES_ONLY_THROUGH_DECISIONS = noClasses()
            .that()
            .resideOutsideOfPackages("dev.parley.routing.decision", "..web..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(TenantTransactions.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(IdempotentConsumer.class)
            .because("a transaction without the tenant's advisory lock could race another instance's decision");

    /** Assignment orchestrates presence, queues and offers; they know nothing of it. */
    @ArchTest
    static final ArchRule FEATURES_DO_NOT_REACH_INTO_ASSIGNMENT = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.parley.routing.presence", "dev.parley.routing.queue..", "dev.parley.routing.offer..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.parley.routing.assignment..");
}
