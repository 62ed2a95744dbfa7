package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.MailNode;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Inviting a colleague by e-mail, over real SMTP: the link lets them choose a password, which
 * makes their account with the roles and departments the admin chose and signs them in; pending
 * invitations hold seats; revoked, used, expired, forged and other tenants' links are refused;
 * only owners and admins invite.
 */
class InvitationsIT extends TenantIT {

    private static final String CHOSEN = "my own good passphrase";

    @Test
    void theInvitedPersonChoosesAPasswordAndIsSignedInWithTheRolesChosenForThem() {
        Tenant acme = tenants.signUp("Acme invites");
        UUID sales = tenants.addDepartment(acme.owner(), "Sales", "PICKUP");
        String email = uniqueEmail("invitee");
        invite(acme, email, List.of("supervisor", "agent"), List.of(sales))
                .expectStatus()
                .isCreated();

        String text = MailNode.text(Inbox.one(email, "You are invited to Acme invites on Parley"));
        assertThat(text).contains("invited you to answer chats for Acme invites");
        String token = Inbox.invitationToken(email, 1);
        List<?> pending = (List<?>)
                okBody(tenants.get(acme.owner(), "/api/tenant/invitations")).get("invitations");
        assertThat(pending).hasSize(1);

        Map<?, ?> signedIn = okBody(accept(token, CHOSEN));
        Map<?, ?> user = (Map<?, ?>) signedIn.get("user");
        assertThat(user.get("tenantId")).isEqualTo(acme.tenantId().toString());
        assertThat(user.get("roles")).isEqualTo(List.of("supervisor", "agent"));
        assertThat(user.get("departmentIds")).isEqualTo(List.of(sales.toString()));
        okBody(tenants.login(email, CHOSEN));

        isError(accept(token, "another passphrase"), HttpStatus.BAD_REQUEST, "invalid_invitation");
        assertThat((List<?>) okBody(tenants.get(acme.owner(), "/api/tenant/invitations"))
                        .get("invitations"))
                .isEmpty();
    }

    @Test
    void pendingInvitationsHoldSeatsAndRevokingFreesOne() {
        Tenant acme = tenants.signUp("Acme seats");
        setPlan(acme.tenantId(), "starter");
        invite(acme, uniqueEmail("one"), List.of("agent"), List.of())
                .expectStatus()
                .isCreated();
        String second = uniqueEmail("two");
        Map<?, ?> invited = created(invite(acme, second, List.of("agent"), List.of()));
        isError(
                invite(acme, uniqueEmail("three"), List.of("agent"), List.of()),
                HttpStatus.CONFLICT,
                "seat_limit_reached");

        String token = Inbox.invitationToken(second, 1);
        tenants.delete(acme.owner(), "/api/tenant/invitations/" + invited.get("id"))
                .expectStatus()
                .isNoContent();
        isError(accept(token, CHOSEN), HttpStatus.BAD_REQUEST, "invalid_invitation");
        invite(acme, uniqueEmail("three"), List.of("agent"), List.of())
                .expectStatus()
                .isCreated();
    }

    @Test
    void onlyOwnersAndAdminsInviteAndOnlyOwnersMakeOwners() {
        Tenant acme = tenants.signUp("Acme who invites");
        var admin = new dev.parley.platform.web.Caller(
                acme.tenantId(),
                acme.ownerId(),
                dev.parley.platform.web.Caller.Kind.AGENT,
                java.util.Set.of("admin"),
                "Ada");
        isError(
                tenants.post(
                        acme.agent(), "/api/tenant/invitations", body(uniqueEmail("x"), List.of("agent"), List.of())),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(
                tenants.post(admin, "/api/tenant/invitations", body(uniqueEmail("x"), List.of("owner"), List.of())),
                HttpStatus.FORBIDDEN,
                "forbidden");
        isError(invite(acme, acme.email(), List.of("agent"), List.of()), HttpStatus.CONFLICT, "email_taken");
        isError(invite(acme, "not an address", List.of("agent"), List.of()), HttpStatus.BAD_REQUEST, "invalid");
        isError(invite(acme, uniqueEmail("x"), List.of("god"), List.of()), HttpStatus.BAD_REQUEST, "invalid");
    }

    @Test
    void forgedExpiredAndOtherTenantsLinksAreRefused() {
        Tenant acme = tenants.signUp("Acme links");
        Tenant globex = tenants.signUp("Globex links");
        UUID globexDepartment = globex.departmentId();
        String email = uniqueEmail("late");
        // Another tenant's department is as unknown as none.
        isError(invite(acme, email, List.of("agent"), List.of(globexDepartment)), HttpStatus.NOT_FOUND, "not_found");
        invite(acme, email, List.of("agent"), List.of()).expectStatus().isCreated();
        String token = Inbox.invitationToken(email, 1);

        isError(accept(asTenant(token, globex.tenantId()), CHOSEN), HttpStatus.BAD_REQUEST, "invalid_invitation");
        isError(accept(guessed(token), CHOSEN), HttpStatus.BAD_REQUEST, "invalid_invitation");
        isError(accept("pin_nonsense", CHOSEN), HttpStatus.BAD_REQUEST, "invalid_invitation");
        isError(accept(token, "short"), HttpStatus.BAD_REQUEST, "invalid");
        isError(
                tenants.delete(globex.owner(), "/api/tenant/invitations/" + UUID.randomUUID()),
                HttpStatus.NOT_FOUND,
                "not_found");

        transactions
                .inTenant(acme.tenantId(), () -> db.sql(
                                "update invitation set expires_at = now() - interval '1 second' where tenant_id = $1")
                        .bind(0, acme.tenantId())
                        .then())
                .block();
        isError(accept(token, CHOSEN), HttpStatus.BAD_REQUEST, "invitation_expired");
        isError(tenants.login(email, CHOSEN), HttpStatus.UNAUTHORIZED, "bad_credentials");
    }

    private WebTestClient.ResponseSpec invite(Tenant tenant, String email, List<String> roles, List<UUID> departments) {
        return tenants.post(tenant.owner(), "/api/tenant/invitations", body(email, roles, departments));
    }

    private static Map<String, Object> body(String email, List<String> roles, List<UUID> departments) {
        return Map.of(
                "email",
                email,
                "displayName",
                "Invited Person",
                "roles",
                roles,
                "departmentIds",
                departments.stream().map(UUID::toString).toList());
    }

    private WebTestClient.ResponseSpec accept(String token, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("token", token);
        body.put("password", password);
        return tenants.postPublic("/api/tenant/auth/accept-invitation", body);
    }

    private static Map<?, ?> created(WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
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
