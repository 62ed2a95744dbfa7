package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.MailNode;
import dev.parley.tenant.TenantClient.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Sign-up as a business does it, over real SMTP: the answer never tells whether the address has an
 * account, the e-mailed link confirms the address and signs the owner in, an unconfirmed owner
 * cannot sign in, and links that are forged, another tenant's, used or expired are refused with
 * stable codes.
 */
class SignupIT extends TenantIT {

    @Test
    void theEmailedLinkConfirmsTheAddressAndSignsTheOwnerInOnce() {
        String email = uniqueEmail("founder");
        tenants.requestSignUp("Founders Ltd", email)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .isEmpty();
        isError(tenants.login(email, PASSWORD), HttpStatus.FORBIDDEN, "email_not_verified");

        String token = Inbox.verificationToken(email, 1);
        Map<?, ?> signedIn = okBody(tenants.verify(token));
        assertThat(signedIn.get("accessToken")).isInstanceOf(String.class);
        assertThat(signedIn.get("refreshToken")).asString().startsWith("prt_");
        Map<?, ?> user = (Map<?, ?>) signedIn.get("user");
        assertThat(user.get("roles")).asList().contains("owner");

        // Confirmed: the password works from now on, and the link is used up.
        okBody(tenants.login(email, PASSWORD));
        isError(tenants.verify(token), HttpStatus.BAD_REQUEST, "invalid_verification_token");
    }

    @Test
    void aTakenAddressIsAnsweredTheSameAndOnlyItsMailboxLearnsWhy() {
        Tenant acme = tenants.signUp("Acme taken");
        int tenantsBefore = tenantCount();

        tenants.requestSignUp("Impostor Inc", acme.email().toUpperCase())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .isEmpty();

        assertThat(MailNode.text(Inbox.one(acme.email(), Inbox.ACCOUNT_SUBJECT)))
                .contains("has an account already")
                .contains("Forgot the password?")
                .doesNotContain("#verify=");
        assertThat(tenantCount()).isEqualTo(tenantsBefore);
        // The existing account is untouched: its password is still the one it had.
        okBody(tenants.login(acme.email(), PASSWORD));
    }

    @Test
    void signingUpAgainBeforeConfirmingSendsANewLink() {
        String email = uniqueEmail("forgetful");
        tenants.requestSignUp("Forgetful GmbH", email).expectStatus().isAccepted();
        String first = Inbox.verificationToken(email, 1);

        tenants.requestSignUp("Forgetful GmbH", email).expectStatus().isAccepted();
        String second = Inbox.verificationToken(email, 2);

        assertThat(second).isNotEqualTo(first);
        okBody(tenants.verify(second));
        okBody(tenants.login(email, PASSWORD));
    }

    @Test
    void forgedExpiredAndOtherTenantsLinksAreRefused() {
        Tenant globex = tenants.signUp("Globex links");
        String email = uniqueEmail("late");
        tenants.requestSignUp("Late Ltd", email).expectStatus().isAccepted();
        String token = Inbox.verificationToken(email, 1);

        isError(
                tenants.verify(asTenant(token, globex.tenantId())),
                HttpStatus.BAD_REQUEST,
                "invalid_verification_token");
        isError(tenants.verify(guessed(token)), HttpStatus.BAD_REQUEST, "invalid_verification_token");
        isError(tenants.verify("pev_nonsense"), HttpStatus.BAD_REQUEST, "invalid_verification_token");
        isError(tenants.verify(null), HttpStatus.BAD_REQUEST, "invalid_verification_token");
        isError(tenants.verify(UUID.randomUUID().toString()), HttpStatus.BAD_REQUEST, "invalid_verification_token");

        UUID tenantId = tenantOf(token);
        transactions
                .inTenant(
                        tenantId, () -> db.sql("update email_verification set expires_at = now() - interval '1 second'"
                                        + " where tenant_id = $1")
                                .bind(0, tenantId)
                                .then())
                .block();
        isError(tenants.verify(token), HttpStatus.BAD_REQUEST, "verification_token_expired");
        isError(tenants.login(email, PASSWORD), HttpStatus.FORBIDDEN, "email_not_verified");
    }

    @Test
    void threeSignUpEmailsAnHourPerAddressAndFieldsAreChecked() {
        String email = uniqueEmail("flood");
        for (int i = 0; i < 3; i++) {
            tenants.requestSignUp("Flood " + i, email).expectStatus().isAccepted();
        }
        var refused = tenants.requestSignUp("Flood 4", email);
        refused.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        refused.expectHeader().exists("Retry-After");
        refused.expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        // One tenant for the address: the later attempts found it taken and unconfirmed, and sent new links.
        Inbox.await(email, Inbox.VERIFY_SUBJECT, 3);

        isError(
                tenants.postPublic(
                        "/api/tenant/signup",
                        Map.of("companyName", "X", "ownerName", "Y", "email", "not an address", "password", PASSWORD)),
                HttpStatus.BAD_REQUEST,
                "invalid");
        isError(
                tenants.postPublic(
                        "/api/tenant/signup",
                        Map.of(
                                "companyName",
                                "X",
                                "ownerName",
                                "Y",
                                "email",
                                uniqueEmail("weak"),
                                "password",
                                "short")),
                HttpStatus.BAD_REQUEST,
                "invalid");
    }

    private int tenantCount() {
        // The definer function sees every tenant's trial; a count across tenants needs no other door.
        return db.sql("select count(*)::int as n from trials_ended('infinity')")
                .map(row -> row.get("n", Integer.class))
                .one()
                .blockOptional()
                .orElse(0);
    }

    private static UUID tenantOf(String token) {
        var raw = java.nio.ByteBuffer.wrap(raw(token));
        return new UUID(raw.getLong(), raw.getLong());
    }
}
