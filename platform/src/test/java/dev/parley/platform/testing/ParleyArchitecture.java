package dev.parley.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * The rules every service keeps. A service's architecture test includes them all with
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(ParleyArchitecture.class);}.
 */
public final class ParleyArchitecture {

    private ParleyArchitecture() {}

    private static final Set<String> REACTIVE_TYPES =
            Set.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");
    private static final Set<String> FUTURE_TYPES =
            Set.of("java.util.concurrent.CompletableFuture", "java.util.concurrent.Future");

    /**
     * A Kafka listener method runs on its consumer's own thread, never on an event loop: waiting
     * there for its batch to be stored is Kafka's consumer model (poll, process, commit, poll).
     */
    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";

    private static final DescribedPredicate<JavaMethodCall> BLOCKING_CALL = DescribedPredicate.describe(
            "a blocking call (block*, Thread.sleep, Future.get/join) outside a @KafkaListener method", call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean blocking = REACTIVE_TYPES.contains(owner) && name.startsWith("block")
                        || owner.equals("java.lang.Thread") && name.equals("sleep")
                        || FUTURE_TYPES.contains(owner) && (name.equals("get") || name.equals("join"));
                return blocking && !call.getOrigin().isAnnotatedWith(KAFKA_LISTENER);
            });

    /** A blocked event-loop thread stalls every socket it serves. */
    @ArchTest
    public static final ArchRule NO_BLOCKING_CALLS = noClasses()
            .should()
            .callMethodWhere(BLOCKING_CALL)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("java.sql..")
            .because("services are reactive end to end; JDBC is for Flyway's migrations only")
            .allowEmptyShould(true);

    /** Packages by feature, not by technical layer. */
    @ArchTest
    public static final ArchRule FEATURE_PACKAGES = noClasses()
            .should()
            .resideInAnyPackage(
                    "..controller..",
                    "..controllers..",
                    "..service..",
                    "..services..",
                    "..repository..",
                    "..repositories..",
                    "..dto..")
            .because("code is grouped by feature (conversation, queue, ...) with web/ and messaging/ inside it")
            .allowEmptyShould(true);

    /** What a feature keeps in {@code internal} is its own. */
    @ArchTest
    public static final ArchRule INTERNALS_STAY_IN_THEIR_FEATURE = classes()
            .that()
            .resideInAPackage("..internal..")
            .should(onlyBeUsedWithinTheirFeature())
            .allowEmptyShould(true);

    /** Events leave a service through the outbox (or, for the gateway, the platform's command sender). */
    @ArchTest
    public static final ArchRule ONLY_THE_PLATFORM_TOUCHES_THE_KAFKA_TEMPLATE = noClasses()
            .that()
            .resideOutsideOfPackage("dev.parley.platform..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
            .because("a direct send would bypass the transactional outbox")
            .allowEmptyShould(true);

    private static ArchCondition<JavaClass> onlyBeUsedWithinTheirFeature() {
        return new ArchCondition<>("only be used within their own feature") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                String name = internal.getPackageName();
                String feature = name.substring(0, name.indexOf(".internal"));
                for (Dependency dependency : internal.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    String originPackage = origin.getPackageName();
                    if (!originPackage.equals(feature) && !originPackage.startsWith(feature + ".")) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
