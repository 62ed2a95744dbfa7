package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * "Forgot your password?" over real SMTP (the embedded local server): the link comes by e-mail,
 * sets a new password once, ends the user's sessions; asking never tells whether an address has an
 * account; expired, used, forged and other tenants' links are refused with stable codes.
 */
class PasswordResetIT extends TenantIT {

    private static final String NEW_PASSWORD = "a much better passphrase";

    @Test
    void theEmailedLinkSetsANewPasswordOnceAndEndsEverySession() {
        Tenant acme = tenants.signUp("Acme reset");
        String session = (String) okBody(tenants.login(acme.email(), PASSWORD)).get("refreshToken");

        ask(acme.email().toUpperCase()).expectStatus().isAccepted();
        String token = Inbox.resetToken(Inbox.one(acme.email(), Inbox.RESET_SUBJECT));

        confirm(token, NEW_PASSWORD).expectStatus().isNoContent();

        isError(tenants.login(acme.email(), PASSWORD), HttpStatus.UNAUTHORIZED, "bad_credentials");
        okBody(tenants.login(acme.email(), NEW_PASSWORD));
        isError(refresh(session), HttpStatus.UNAUTHORIZED, "refresh_token_revoked");
        // Once only.
        isError(confirm(token, "yet another passphrase"), HttpStatus.BAD_REQUEST, "invalid_reset_token");
        okBody(tenants.login(acme.email(), NEW_PASSWORD));
    }

    @Test
    void askingForAnAddressWithoutAnAccountAnswersTheSameAndSendsNothing() {
        Tenant acme = tenants.signUp("Acme no account");
        String nobody = TenantClient.uniqueEmail("nobody");

        ask(nobody).expectStatus().isAccepted().expectBody().isEmpty();
        // A known address asked after it: once its mail is there, the other would have been too.
        ask(acme.email()).expectStatus().isAccepted().expectBody().isEmpty();
        Inbox.one(acme.email(), Inbox.RESET_SUBJECT);
        assertThat(mailNode().receivedBy(nobody)).isEmpty();

        isError(ask("not an address"), HttpStatus.BAD_REQUEST, "invalid");
    }

    @Test
    void anExpiredLinkIsRefusedAndThePasswordStays() {
        Tenant acme = tenants.signUp("Acme expired reset");
        ask(acme.email()).expectStatus().isAccepted();
        String token = Inbox.resetToken(Inbox.one(acme.email(), Inbox.RESET_SUBJECT));
        transactions
                .inTenant(acme.tenantId(), () -> db.sql(
                                "update password_reset set expires_at = now() - interval '1 second' where tenant_id = $1")
                        .bind(0, acme.tenantId())
                        .then())
                .block();

        isError(confirm(token, NEW_PASSWORD), HttpStatus.BAD_REQUEST, "reset_token_expired");
        okBody(tenants.login(acme.email(), PASSWORD));
    }

    @Test
    void forgedOrOtherTenantsLinksAndWeakPasswordsAreRefused() {
        Tenant acme = tenants.signUp("Acme forged reset");
        Tenant globex = tenants.signUp("Globex forged reset");
        ask(acme.email()).expectStatus().isAccepted();
        String token = Inbox.resetToken(Inbox.one(acme.email(), Inbox.RESET_SUBJECT));
        isError(
                confirm(asTenant(token, globex.tenantId()), NEW_PASSWORD),
                HttpStatus.BAD_REQUEST,
                "invalid_reset_token");
        isError(confirm(guessed(token), NEW_PASSWORD), HttpStatus.BAD_REQUEST, "invalid_reset_token");
        isError(confirm("prr_nonsense", NEW_PASSWORD), HttpStatus.BAD_REQUEST, "invalid_reset_token");
        isError(confirm(null, NEW_PASSWORD), HttpStatus.BAD_REQUEST, "invalid_reset_token");
        isError(confirm(token, "short"), HttpStatus.BAD_REQUEST, "invalid");

        // None of it used the real link up.
        confirm(token, NEW_PASSWORD).expectStatus().isNoContent();
        okBody(tenants.login(acme.email(), NEW_PASSWORD));
        okBody(tenants.login(globex.email(), PASSWORD));
    }

    private WebTestClient.ResponseSpec ask(String email) {
        return tenants.postPublic("/api/tenant/auth/password-reset", Map.of("email", email));
    }

    private WebTestClient.ResponseSpec confirm(String token, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("token", token);
        body.put("password", password);
        return tenants.postPublic("/api/tenant/auth/password-reset/confirm", body);
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return tenants.postPublic("/api/tenant/auth/refresh", Map.of("refreshToken", token));
    }

    private static dev.parley.infra.MailNode mailNode() {
        return EmbeddedInfrastructure.shared().mail();
    }
}
