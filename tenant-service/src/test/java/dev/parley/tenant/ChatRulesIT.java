package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

/**
 * The tenant's chat rules: none chosen at first, replaced by owners and admins, refused field by
 * field, carried by the snapshot to routing and session, and never another tenant's.
 */
class ChatRulesIT extends TenantIT {

    private static final String PATH = "/api/tenant/chat-rules";

    @Test
    void nothingIsChosenAtFirstAndASavedRuleReachesTheSnapshot() throws Exception {
        Tenant acme = tenants.signUp("Acme");
        try (var state = new TenantStateRecorder(acme.tenantId())) {
            assertThat(okBody(tenants.get(acme.owner(), PATH))).isEqualTo(none());
            assertThat(state.await(snapshot -> true).snapshot().rules()).isEqualTo(TenantUpdated.ChatRules.DEFAULTS);

            Map<?, ?> saved = okBody(tenants.put(
                    acme.owner(),
                    PATH,
                    Map.of("maxChatsPerAgent", 2, "acceptTimeoutSeconds", 15, "autoCloseMinutes", 45)));
            assertThat(saved)
                    .isEqualTo(Map.of("maxChatsPerAgent", 2, "acceptTimeoutSeconds", 15, "autoCloseMinutes", 45));
            assertThat(okBody(tenants.get(acme.owner(), PATH))).isEqualTo(saved);
            state.await(snapshot -> snapshot.rules().equals(new TenantUpdated.ChatRules(2, 15, 45)));

            tenants.put(acme.owner(), PATH, none()).expectStatus().isOk();
            assertThat(okBody(tenants.get(acme.owner(), PATH))).isEqualTo(none());
            long revision = state.received().getLast().snapshot().revision();
            state.await(snapshot ->
                    snapshot.revision() >= revision && snapshot.rules().equals(TenantUpdated.ChatRules.DEFAULTS));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
                    []                                                                     | The body must be
                    {"acceptTimeoutSeconds":15,"autoCloseMinutes":30}                      | maxChatsPerAgent is required
                    {"maxChatsPerAgent":0,"acceptTimeoutSeconds":15,"autoCloseMinutes":30} | maxChatsPerAgent must be a whole number from 1 to 50
                    {"maxChatsPerAgent":51,"acceptTimeoutSeconds":15,"autoCloseMinutes":30} | maxChatsPerAgent must be a whole number
                    {"maxChatsPerAgent":"3","acceptTimeoutSeconds":15,"autoCloseMinutes":30} | maxChatsPerAgent must be a whole number
                    {"maxChatsPerAgent":3,"acceptTimeoutSeconds":4,"autoCloseMinutes":30}  | acceptTimeoutSeconds must be a whole number from 5 to 600
                    {"maxChatsPerAgent":3,"acceptTimeoutSeconds":2.5,"autoCloseMinutes":30} | acceptTimeoutSeconds must be a whole number
                    {"maxChatsPerAgent":3,"acceptTimeoutSeconds":15}                       | autoCloseMinutes is required
                    {"maxChatsPerAgent":3,"acceptTimeoutSeconds":15,"autoCloseMinutes":1441} | autoCloseMinutes must be a whole number from 1 to 1440
                    """)
    void aRefusalNamesTheFieldAndChangesNothing(String body, String message) {
        Tenant acme = tenants.signUp("Acme");
        tenants.put(
                        acme.owner(),
                        PATH,
                        Map.of("maxChatsPerAgent", 4, "acceptTimeoutSeconds", 20, "autoCloseMinutes", 10))
                .expectStatus()
                .isOk();

        TenantClient.isInvalid(tenants.put(acme.owner(), PATH, body), message);

        assertThat(okBody(tenants.get(acme.owner(), PATH)))
                .isEqualTo(Map.of("maxChatsPerAgent", 4, "acceptTimeoutSeconds", 20, "autoCloseMinutes", 10));
    }

    @Test
    void onlyOwnersAndAdminsReadOrChangeThem() {
        Tenant acme = tenants.signUp("Acme");
        isError(tenants.get(acme.agent(), PATH), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.put(acme.agent(), PATH, none()), HttpStatus.FORBIDDEN, "forbidden");
        isError(http().get().uri(PATH).exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void anotherTenantNeitherSeesNorChangesThem() {
        Tenant acme = tenants.signUp("Acme");
        Tenant globex = tenants.signUp("Globex");
        tenants.put(
                        acme.owner(),
                        PATH,
                        Map.of("maxChatsPerAgent", 2, "acceptTimeoutSeconds", 15, "autoCloseMinutes", 45))
                .expectStatus()
                .isOk();

        assertThat(okBody(tenants.get(globex.owner(), PATH))).isEqualTo(none());
        tenants.put(
                        globex.owner(),
                        PATH,
                        Map.of("maxChatsPerAgent", 9, "acceptTimeoutSeconds", 90, "autoCloseMinutes", 5))
                .expectStatus()
                .isOk();

        assertThat(okBody(tenants.get(acme.owner(), PATH)))
                .isEqualTo(Map.of("maxChatsPerAgent", 2, "acceptTimeoutSeconds", 15, "autoCloseMinutes", 45));
        // Row-level security, not only the query's tenant: the other tenant's transaction sees no rows.
        Long visible = transactions
                .inTenant(globex.tenantId(), () -> db.sql("select count(*) as n from chat_rules")
                        .map(row -> row.get("n", Long.class))
                        .one())
                .block();
        assertThat(visible).isEqualTo(1L);
    }

    private static Map<String, Object> none() {
        Map<String, Object> none = new HashMap<>();
        none.put("maxChatsPerAgent", null);
        none.put("acceptTimeoutSeconds", null);
        none.put("autoCloseMinutes", null);
        return none;
    }
}
