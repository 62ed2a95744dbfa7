package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

/**
 * The tenant's mood terms: any console user reads them, owners and admins replace the list, every
 * refusal names its field, another tenant never sees or changes them, and the tenant snapshot
 * carries them to the other services with a new revision.
 */
@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
class MoodTermsIT extends dev.parley.platform.testing.ServiceIT.WithInfrastructure {

    private static final String PATH = "/api/tenant/mood-terms";

    TenantClient tenants;

    @BeforeEach
    void client() {
        tenants = new TenantClient(http());
    }

    @Override
    protected String serviceName() {
        return TenantApplication.NAME;
    }

    @Test
    void anOwnerReplacesTheListAnyConsoleUserReadsItAndTheSnapshotCarriesIt() throws Exception {
        Tenant acme = tenants.signUp("Acme");
        try (var state = new TenantStateRecorder(acme.tenantId())) {
            long before = state.await(snapshot -> !snapshot.agents().isEmpty())
                    .snapshot()
                    .revision();
            terms(acme.agent()).isEqualTo(List.of());

            tenants.put(
                            acme.owner(),
                            PATH,
                            Map.of(
                                    "terms",
                                    List.of(
                                            Map.of("term", "  Late   Delivery ", "weight", -3),
                                            Map.of("term", "speedy", "weight", 2),
                                            Map.of("term", "don\u2019t care", "weight", -1))))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.terms")
                    .isEqualTo(List.of(
                            Map.of("term", "don't care", "weight", -1),
                            Map.of("term", "late delivery", "weight", -3),
                            Map.of("term", "speedy", "weight", 2)));

            terms(acme.agent())
                    .isEqualTo(List.of(
                            Map.of("term", "don't care", "weight", -1),
                            Map.of("term", "late delivery", "weight", -3),
                            Map.of("term", "speedy", "weight", 2)));
            TenantUpdated published =
                    state.await(snapshot -> !snapshot.moodTerms().isEmpty()).snapshot();
            assertThat(published.revision()).isGreaterThan(before);
            assertThat(published.moodTerms())
                    .containsExactly(
                            new TenantUpdated.MoodTerm("don't care", -1),
                            new TenantUpdated.MoodTerm("late delivery", -3),
                            new TenantUpdated.MoodTerm("speedy", 2));

            // Replacing with an empty list clears them, in the snapshot too.
            tenants.put(acme.owner(), PATH, Map.of("terms", List.of()))
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.terms")
                    .isEqualTo(List.of());
            TenantUpdated cleared = state.await(snapshot -> snapshot.revision() > published.revision())
                    .snapshot();
            assertThat(cleared.moodTerms()).isEmpty();
        }
    }

    @Test
    void fiveHundredTermsAreTheLimit() {
        Tenant acme = tenants.signUp("Acme");
        List<Map<String, Object>> many = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> many.add(Map.of("term", "term " + letters(i), "weight", 1 + i % 5)));

        tenants.put(acme.owner(), PATH, Map.of("terms", many))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.terms.length()")
                .isEqualTo(500);

        many.add(Map.of("term", "one too many", "weight", 1));
        isError(tenants.put(acme.owner(), PATH, Map.of("terms", many)), HttpStatus.BAD_REQUEST, "invalid");
        terms(acme.owner()).value(list -> assertThat((List<?>) list).hasSize(500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                    {}                                                                | terms is required
                    {"terms":{"term":"x","weight":1}}                                 | terms must be a list
                    {"terms":["late"]}                                                | terms[0] must be an object
                    {"terms":[{"weight":-2}]}                                         | terms[0].term is required
                    {"terms":[{"term":"   ","weight":-2}]}                            | terms[0].term must not be empty
                    {"terms":[{"term":42,"weight":-2}]}                               | terms[0].term must be a string
                    {"terms":[{"term":"ok","weight":1},{"term":"late!","weight":-2}]} | terms[1].term must be a word
                    {"terms":[{"term":"24h","weight":-2}]}                            | terms[0].term must be a word
                    {"terms":[{"term":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","weight":1}]} | terms[0].term must be at most 60
                    {"terms":[{"term":"late"}]}                                       | terms[0].weight is required
                    {"terms":[{"term":"late","weight":0}]}                            | terms[0].weight must be a whole number
                    {"terms":[{"term":"late","weight":6}]}                            | terms[0].weight must be a whole number
                    {"terms":[{"term":"late","weight":-6}]}                           | terms[0].weight must be a whole number
                    {"terms":[{"term":"late","weight":1.5}]}                          | terms[0].weight must be a whole number
                    {"terms":[{"term":"late","weight":"-2"}]}                         | terms[0].weight must be a whole number
                    {"terms":[{"term":"Late","weight":-2},{"term":"late","weight":-1}]} | terms[1].term repeats terms[0].term
                    """)
    void aRefusalNamesTheFieldAndChangesNothing(String body, String message) {
        Tenant acme = tenants.signUp("Acme");
        tenants.put(acme.owner(), PATH, Map.of("terms", List.of(Map.of("term", "kept", "weight", 2))))
                .expectStatus()
                .isOk();

        TenantClient.isInvalid(tenants.put(acme.owner(), PATH, body), message);

        terms(acme.owner()).isEqualTo(List.of(Map.of("term", "kept", "weight", 2)));
    }

    @Test
    void onlyOwnersAndAdminsReplaceAndOnlyConsoleUsersRead() {
        Tenant acme = tenants.signUp("Acme");
        var body = Map.of("terms", List.of(Map.of("term", "late", "weight", -2)));
        var supervisor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("supervisor"), "Sup");
        var admin = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("admin"), "Admin");
        var visitor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), "");

        isError(tenants.put(acme.agent(), PATH, body), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.put(supervisor, PATH, body), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.put(visitor, PATH, body), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.get(visitor, PATH), HttpStatus.FORBIDDEN, "forbidden");
        isError(http().get().uri(PATH).exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
        terms(supervisor).isEqualTo(List.of());

        tenants.put(admin, PATH, body).expectStatus().isOk();
        terms(supervisor).isEqualTo(List.of(Map.of("term", "late", "weight", -2)));
    }

    @Test
    void anotherTenantNeitherSeesNorChangesTheTerms() {
        Tenant acme = tenants.signUp("Acme");
        Tenant globex = tenants.signUp("Globex");
        tenants.put(acme.owner(), PATH, Map.of("terms", List.of(Map.of("term", "late", "weight", -2))))
                .expectStatus()
                .isOk();

        terms(globex.owner()).isEqualTo(List.of());
        tenants.put(globex.owner(), PATH, Map.of("terms", List.of(Map.of("term", "late", "weight", 4))))
                .expectStatus()
                .isOk();
        tenants.put(globex.owner(), PATH, Map.of("terms", List.of()))
                .expectStatus()
                .isOk();

        terms(acme.agent()).isEqualTo(List.of(Map.of("term", "late", "weight", -2)));
    }

    private org.springframework.test.web.reactive.server.JsonPathAssertions terms(Caller caller) {
        return tenants.get(caller, PATH).expectStatus().isOk().expectBody().jsonPath("$.terms");
    }

    /** A distinct run of letters for each number (a, b, … z, ba, bb, …): terms are letters only. */
    private static String letters(int n) {
        StringBuilder word = new StringBuilder();
        do {
            word.insert(0, (char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }
}
