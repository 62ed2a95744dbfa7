package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Editing, deactivating, reactivating and deleting users, and the rules around owners: only
 * owners make, unmake or change owners; the tenant keeps an active owner; nobody deactivates or
 * deletes themselves; a deactivated user cannot sign in, holds no seat and leaves the snapshot's
 * agents for its former agents; a deleted user's name stays there; another tenant's ids are 404.
 */
class UsersIT extends TenantIT {

    @Test
    void anAdminEditsNameRolesDepartmentsAndCapacity() {
        Tenant acme = tenants.signUp("Acme edits");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "OFFER");
        UUID agent = tenants.addAgent(acme.owner(), uniqueEmail("agent"), List.of(acme.departmentId()));

        Map<?, ?> edited = okBody(tenants.patch(
                admin(acme),
                "/api/tenant/users/" + agent,
                Map.of(
                        "displayName",
                        "Agent Renamed",
                        "roles",
                        List.of("agent", "supervisor"),
                        "departmentIds",
                        List.of(sales.toString()),
                        "maxChats",
                        7)));

        assertThat(edited.get("displayName")).isEqualTo("Agent Renamed");
        assertThat(edited.get("roles")).isEqualTo(List.of("supervisor", "agent"));
        assertThat(edited.get("departmentIds")).isEqualTo(List.of(sales.toString()));
        assertThat(edited.get("maxChats")).isEqualTo(7);
        // Only what is given changes.
        Map<?, ?> again = okBody(tenants.patch(admin(acme), "/api/tenant/users/" + agent, Map.of("maxChats", 2)));
        assertThat(again.get("displayName")).isEqualTo("Agent Renamed");
        assertThat(again.get("departmentIds")).isEqualTo(List.of(sales.toString()));

        isError(
                tenants.patch(admin(acme), "/api/tenant/users/" + agent, Map.of("roles", List.of("boss"))),
                HttpStatus.BAD_REQUEST,
                "invalid");
        isError(
                tenants.patch(admin(acme), "/api/tenant/users/" + agent, Map.of("maxChats", 1000)),
                HttpStatus.BAD_REQUEST,
                "invalid");
        isError(
                tenants.patch(
                        admin(acme),
                        "/api/tenant/users/" + agent,
                        Map.of("departmentIds", List.of(UUID.randomUUID().toString()))),
                HttpStatus.NOT_FOUND,
                "not_found");
    }

    @Test
    void onlyAnOwnerMakesUnmakesOrChangesAnOwner() {
        Tenant acme = tenants.signUp("Acme owners");
        UUID agent = tenants.addAgent(acme.owner(), uniqueEmail("agent"), List.of());

        isError(
                tenants.patch(admin(acme), "/api/tenant/users/" + agent, Map.of("roles", List.of("owner", "agent"))),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(
                tenants.patch(admin(acme), "/api/tenant/users/" + acme.ownerId(), Map.of("displayName", "Not You")),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(
                tenants.post(admin(acme), "/api/tenant/users/" + acme.ownerId() + "/deactivate", Map.of()),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(tenants.delete(admin(acme), "/api/tenant/users/" + acme.ownerId()), HttpStatus.FORBIDDEN, "forbidden");

        Map<?, ?> promoted = okBody(
                tenants.patch(acme.owner(), "/api/tenant/users/" + agent, Map.of("roles", List.of("owner", "agent"))));
        assertThat(promoted.get("roles")).isEqualTo(List.of("owner", "agent"));
    }

    @Test
    void theLastActiveOwnerStaysAndNobodyDeactivatesOrDeletesThemselves() {
        Tenant acme = tenants.signUp("Acme last owner");
        UUID second = tenants.addAgent(acme.owner(), uniqueEmail("second"), List.of());
        Caller secondOwner = new Caller(acme.tenantId(), second, Caller.Kind.AGENT, Set.of("owner"), "Second");

        isError(
                tenants.patch(acme.owner(), "/api/tenant/users/" + acme.ownerId(), Map.of("roles", List.of("agent"))),
                HttpStatus.CONFLICT,
                "last_owner");
        isError(
                tenants.post(acme.owner(), "/api/tenant/users/" + acme.ownerId() + "/deactivate", Map.of()),
                HttpStatus.CONFLICT,
                "own_account");
        isError(
                tenants.delete(acme.owner(), "/api/tenant/users/" + acme.ownerId()),
                HttpStatus.CONFLICT,
                "own_account");
        // The stored roles decide, not the caller's token: "second" is no owner yet, whatever it claims.
        isError(
                tenants.post(secondOwner, "/api/tenant/users/" + acme.ownerId() + "/deactivate", Map.of()),
                HttpStatus.CONFLICT,
                "last_owner");

        okBody(tenants.patch(acme.owner(), "/api/tenant/users/" + second, Map.of("roles", List.of("owner"))));
        okBody(tenants.patch(acme.owner(), "/api/tenant/users/" + acme.ownerId(), Map.of("roles", List.of("admin"))));
        isError(
                tenants.patch(secondOwner, "/api/tenant/users/" + second, Map.of("roles", List.of("agent"))),
                HttpStatus.CONFLICT,
                "last_owner");
    }

    @Test
    void aDeactivatedUserCannotSignInHoldsNoSeatLeavesTheAgentsAndComesBack() throws InterruptedException {
        Tenant acme = tenants.signUp("Acme deactivation");
        setPlan(acme.tenantId(), "starter"); // 3 seats
        String email = uniqueEmail("leaver");
        UUID leaver = tenants.addAgent(acme.owner(), email, List.of(acme.departmentId()));
        Map<?, ?> session = okBody(tenants.login(email, PASSWORD));
        tenants.addAgent(acme.owner(), uniqueEmail("third"), List.of());
        isError(
                tenants.post(acme.owner(), "/api/tenant/users", newAgent(uniqueEmail("fourth"))),
                HttpStatus.CONFLICT,
                "seat_limit_reached");

        try (var snapshots = new TenantStateRecorder(acme.tenantId())) {
            Map<?, ?> deactivated =
                    okBody(tenants.post(admin(acme), "/api/tenant/users/" + leaver + "/deactivate", Map.of()));
            assertThat(deactivated.get("deactivatedAt")).isNotNull();
            TenantUpdated latest = snapshots
                    .await(s -> s.formerAgents().stream()
                            .anyMatch(former -> former.agentId().equals(leaver)))
                    .snapshot();
            assertThat(latest.agents()).noneMatch(agent -> agent.agentId().equals(leaver));
            assertThat(latest.nameOf(leaver)).contains("Agent Smith");
        }
        isError(tenants.login(email, PASSWORD), HttpStatus.FORBIDDEN, "user_deactivated");
        isError(
                tenants.postPublic("/api/tenant/auth/refresh", Map.of("refreshToken", session.get("refreshToken"))),
                HttpStatus.UNAUTHORIZED,
                "refresh_token_revoked");
        assertThat(okBody(tenants.get(acme.owner(), "/api/tenant/account")).get("seatsUsed"))
                .isEqualTo(2);
        tenants.post(acme.owner(), "/api/tenant/users", newAgent(uniqueEmail("fourth")))
                .expectStatus()
                .isCreated();
        // The seat went to someone else: coming back needs one.
        isError(
                tenants.post(admin(acme), "/api/tenant/users/" + leaver + "/reactivate", Map.of()),
                HttpStatus.CONFLICT,
                "seat_limit_reached");

        setPlan(acme.tenantId(), "pro");
        Map<?, ?> back = okBody(tenants.post(admin(acme), "/api/tenant/users/" + leaver + "/reactivate", Map.of()));
        assertThat(back.get("deactivatedAt")).isNull();
        okBody(tenants.login(email, PASSWORD));
    }

    @Test
    void aDeletedUserIsGoneButTheirNameStaysForHistoryAndTheirAddressIsFree() throws InterruptedException {
        Tenant acme = tenants.signUp("Acme deletion");
        String email = uniqueEmail("gone");
        UUID gone = tenants.addAgent(acme.owner(), email, List.of(acme.departmentId()));
        tenants.post(
                        new Caller(acme.tenantId(), gone, Caller.Kind.AGENT, Set.of("agent"), "Agent Smith"),
                        "/api/tenant/canned-responses",
                        Map.of("shortcut", "mine", "text", "My own"))
                .expectStatus()
                .isCreated();

        try (var snapshots = new TenantStateRecorder(acme.tenantId())) {
            tenants.delete(admin(acme), "/api/tenant/users/" + gone)
                    .expectStatus()
                    .isNoContent();
            TenantUpdated latest = snapshots
                    .await(s -> s.nameOf(gone).isPresent()
                            && s.agents().stream()
                                    .noneMatch(agent -> agent.agentId().equals(gone)))
                    .snapshot();
            assertThat(latest.formerAgents())
                    .extracting(TenantUpdated.FormerAgent::displayName)
                    .contains("Agent Smith");
        }
        List<?> users =
                (List<?>) okBody(tenants.get(acme.owner(), "/api/tenant/users")).get("users");
        assertThat(users).noneMatch(user -> ((Map<?, ?>) user).get("id").equals(gone.toString()));
        isError(tenants.login(email, PASSWORD), HttpStatus.UNAUTHORIZED, "bad_credentials");
        isError(tenants.delete(admin(acme), "/api/tenant/users/" + gone), HttpStatus.NOT_FOUND, "not_found");
        tenants.addAgent(acme.owner(), email, List.of());
    }

    @Test
    void anotherTenantsUsersAreNotFound() {
        Tenant acme = tenants.signUp("Acme isolation");
        Tenant other = tenants.signUp("Other isolation");
        UUID theirs = tenants.addAgent(other.owner(), uniqueEmail("theirs"), List.of());

        for (var attempt : List.of(
                tenants.patch(acme.owner(), "/api/tenant/users/" + theirs, Map.of("displayName", "Mine now")),
                tenants.post(acme.owner(), "/api/tenant/users/" + theirs + "/deactivate", Map.of()),
                tenants.post(acme.owner(), "/api/tenant/users/" + theirs + "/reactivate", Map.of()),
                tenants.delete(acme.owner(), "/api/tenant/users/" + theirs),
                tenants.patch(
                        acme.owner(), "/api/tenant/users/" + other.ownerId(), Map.of("roles", List.of("agent"))))) {
            isError(attempt, HttpStatus.NOT_FOUND, "not_found");
        }
        List<?> users = (List<?>)
                okBody(tenants.get(other.owner(), "/api/tenant/users")).get("users");
        assertThat(users)
                .anyMatch(user -> ((Map<?, ?>) user).get("id").equals(theirs.toString())
                        && ((Map<?, ?>) user).get("deactivatedAt") == null
                        && ((Map<?, ?>) user).get("displayName").equals("Agent Smith"));
        isError(
                tenants.patch(acme.owner(), "/api/tenant/users/not-a-uuid", Map.of("displayName", "X")),
                HttpStatus.BAD_REQUEST,
                "invalid");
    }

    private static Caller admin(Tenant tenant) {
        return new Caller(tenant.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("admin"), "Admin");
    }

    private static Map<String, Object> newAgent(String email) {
        return Map.of("email", email, "displayName", "New", "password", PASSWORD, "roles", List.of("agent"));
    }

    private void setPlan(UUID tenantId, String plan) {
        transactions
                .inTenant(tenantId, () -> db.sql("update tenant set plan = $2, status = 'ACTIVE' where id = $1")
                        .bind(0, tenantId)
                        .bind(1, plan)
                        .then())
                .block();
    }
}
