package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.okBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.parley.tenant.TenantClient.Tenant;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Refresh tokens keep a console user signed in for a shift: each is exchanged once for a new
 * access token and its successor; one used twice ends the session; logging out ends it; an expired,
 * forged or other tenant's token gets a stable 401 code and changes nothing.
 */
class RefreshTokensIT extends TenantIT {

    private static final String REFRESH = "/api/tenant/auth/refresh";
    private static final String LOGOUT = "/api/tenant/auth/logout";

    @Test
    void aRefreshTokenIsExchangedForANewAccessTokenAndASuccessor() throws Exception {
        Tenant acme = tenants.signUp("Acme refresh");
        Map<?, ?> login = loggedIn(acme);
        String first = (String) login.get("refreshToken");
        assertThat(first).startsWith("prt_");
        assertThat(login.get("refreshExpiresIn")).isEqualTo(12 * 3600);

        Map<?, ?> refreshed = okBody(refresh(first));
        String second = (String) refreshed.get("refreshToken");
        assertThat(second).startsWith("prt_").isNotEqualTo(first);
        assertThat(refreshed.get("expiresIn")).isEqualTo(900);
        var claims = SignedJWT.parse((String) refreshed.get("accessToken")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(acme.ownerId().toString());
        assertThat(claims.getStringClaim("tid")).isEqualTo(acme.tenantId().toString());
        assertThat(refreshed.get("accessToken")).isNotEqualTo(login.get("accessToken"));
        @SuppressWarnings("unchecked")
        var user = (Map<String, Object>) refreshed.get("user");
        assertThat(user).containsEntry("id", acme.ownerId().toString());

        // The successor works in turn: a shift is a chain of these.
        assertThat(okBody(refresh(second)).get("refreshToken")).isNotEqualTo(second);
    }

    @Test
    void aTokenUsedTwiceEndsTheWholeSession() {
        Tenant acme = tenants.signUp("Acme reuse");
        String first = (String) loggedIn(acme).get("refreshToken");
        String second = (String) okBody(refresh(first)).get("refreshToken");

        // Someone replays the first token: refused, and the session it belongs to is over.
        isError(refresh(first), HttpStatus.UNAUTHORIZED, "refresh_token_revoked");
        isError(refresh(second), HttpStatus.UNAUTHORIZED, "refresh_token_revoked");

        // Another login is another session, untouched.
        String other = (String) loggedIn(acme).get("refreshToken");
        okBody(refresh(other));
    }

    @Test
    void loggingOutEndsTheSessionAndOnlyThatOne() {
        Tenant acme = tenants.signUp("Acme logout");
        String desk = (String) loggedIn(acme).get("refreshToken");
        String laptop = (String) loggedIn(acme).get("refreshToken");
        String deskNext = (String) okBody(refresh(desk)).get("refreshToken");

        post(LOGOUT, deskNext).expectStatus().isNoContent();

        isError(refresh(deskNext), HttpStatus.UNAUTHORIZED, "refresh_token_revoked");
        okBody(refresh(laptop));
        // Logging out twice, or with something that is not a token, is no error and tells nothing.
        post(LOGOUT, deskNext).expectStatus().isNoContent();
        post(LOGOUT, "not a token").expectStatus().isNoContent();
    }

    @Test
    void anExpiredTokenIsRefused() {
        Tenant acme = tenants.signUp("Acme expiry");
        String token = (String) loggedIn(acme).get("refreshToken");
        transactions
                .inTenant(acme.tenantId(), () -> db.sql(
                                "update refresh_token set expires_at = now() - interval '1 second' where tenant_id = $1")
                        .bind(0, acme.tenantId())
                        .then())
                .block();

        isError(refresh(token), HttpStatus.UNAUTHORIZED, "refresh_token_expired");
    }

    @Test
    void onlyAHashOfTheSecretIsStored() throws Exception {
        Tenant acme = tenants.signUp("Acme hash");
        String token = (String) loggedIn(acme).get("refreshToken");
        byte[] raw = raw(token);
        byte[] secret = Arrays.copyOfRange(raw, 32, raw.length);
        var id = java.nio.ByteBuffer.wrap(raw, 16, 16);
        UUID tokenId = new UUID(id.getLong(), id.getLong());

        byte[] stored = transactions
                .inTenant(acme.tenantId(), () -> db.sql(
                                "select secret_hash from refresh_token where tenant_id = $1 and id = $2")
                        .bind(0, acme.tenantId())
                        .bind(1, tokenId)
                        .map(row -> row.get("secret_hash", byte[].class))
                        .one())
                .block();

        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret));
        assertThat(stored).isNotEqualTo(secret);
    }

    @Test
    void aForgedOrAnotherTenantsTokenIsRefusedAndChangesNothing() {
        Tenant acme = tenants.signUp("Acme forged");
        Tenant globex = tenants.signUp("Globex forged");
        String token = (String) loggedIn(acme).get("refreshToken");
        // The same id and secret, presented as Globex's: Globex has no such row.
        isError(refresh(asTenant(token, globex.tenantId())), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        // Acme's id with a guessed secret.
        isError(refresh(guessed(token)), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        // A tenant that does not exist.
        isError(refresh(asTenant(token, UUID.randomUUID())), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        isError(refresh("prt_" + "A".repeat(20)), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        isError(refresh("prt_!!!"), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        isError(refresh("x".repeat(5000)), HttpStatus.UNAUTHORIZED, "invalid_refresh_token");
        isError(
                http().post()
                        .uri(REFRESH)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of())
                        .exchange(),
                HttpStatus.UNAUTHORIZED,
                "invalid_refresh_token");

        // None of that cost the real token anything.
        okBody(refresh(token));
    }

    private Map<?, ?> loggedIn(Tenant tenant) {
        return okBody(tenants.login(tenant.email(), PASSWORD));
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return post(REFRESH, token);
    }

    private WebTestClient.ResponseSpec post(String path, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("refreshToken", token);
        return tenants.postPublic(path, body);
    }
}
