package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.tenant.TenantClient.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Guessing passwords and sending reset e-mail are limited per account: 429 {@code rate_limited}
 * with Retry-After, the same for addresses with and without an account, and other accounts are
 * not affected.
 */
class AuthRateLimitsIT extends TenantIT {

    @Test
    void tenWrongPasswordsLockTheAccountForAWhileAndNoOtherOne() {
        Tenant acme = tenants.signUp("Acme guessed");
        Tenant globex = tenants.signUp("Globex untouched");
        // Logging in successfully costs nothing: a user is never locked out by their own use.
        for (int i = 0; i < 12; i++) {
            okBody(tenants.login(acme.email(), PASSWORD));
        }
        for (int i = 0; i < 10; i++) {
            isError(tenants.login(acme.email(), "wrong password " + i), HttpStatus.UNAUTHORIZED, "bad_credentials");
        }

        var locked = tenants.login(acme.email(), PASSWORD);
        locked.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        locked.expectHeader()
                .value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 15 * 60L + 1));
        locked.expectBody().jsonPath("$.code").isEqualTo("rate_limited");

        okBody(tenants.login(globex.email(), PASSWORD));
        // An address without an account is limited the same way, so the 429 tells nothing.
        String nobody = uniqueEmail("nobody");
        for (int i = 0; i < 10; i++) {
            isError(tenants.login(nobody, PASSWORD), HttpStatus.UNAUTHORIZED, "bad_credentials");
        }
        isError(tenants.login(nobody, PASSWORD), HttpStatus.TOO_MANY_REQUESTS, "rate_limited");
    }

    @Test
    void threeResetEmailsAnHourPerAddressWhetherItHasAnAccountOrNot() {
        Tenant acme = tenants.signUp("Acme reset flood");
        for (String email : new String[] {acme.email(), uniqueEmail("nobody")}) {
            for (int i = 0; i < 3; i++) {
                tenants.postPublic("/api/tenant/auth/password-reset", Map.of("email", email))
                        .expectStatus()
                        .isAccepted();
            }
            var refused = tenants.postPublic("/api/tenant/auth/password-reset", Map.of("email", email));
            refused.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            refused.expectHeader().exists("Retry-After");
            refused.expectBody().jsonPath("$.code").isEqualTo("rate_limited");
        }
        tenants.postPublic("/api/tenant/auth/password-reset", Map.of("email", uniqueEmail("other")))
                .expectStatus()
                .isAccepted();
    }
}
