package dev.parley.tenant.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.tenant.user.User;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    private static final User USER = new User(
            UUID.randomUUID(),
            "ada@example.com",
            "Ada",
            List.of("agent"),
            List.of(UUID.randomUUID()),
            3,
            Instant.now(),
            null);

    @Test
    void aConfiguredKeyGivesTheSameKeyIdOnEveryInstance() throws Exception {
        String pem = pem(2048);

        var one = new SigningKey(properties(pem));
        var two = new SigningKey(properties(pem));

        assertThat(one.privateKey().getKeyID()).isEqualTo(two.privateKey().getKeyID());
        // What one instance signs, the JWK set another publishes verifies.
        String token = new AccessTokens(one, properties(pem))
                .issue(UUID.randomUUID(), USER, Set.of(), 1)
                .token();
        JWKSet published = JWKSet.parse(two.publicJwkSet());
        RSAKey key = (RSAKey)
                published.getKeyByKeyId(SignedJWT.parse(token).getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void generatedKeysDifferFromStartToStart() {
        var one = new SigningKey(properties(null));
        var two = new SigningKey(properties(null));

        assertThat(one.privateKey().getKeyID()).isNotEqualTo(two.privateKey().getKeyID());
    }

    @Test
    void aWeakOrUnreadableKeyStopsTheStart() throws Exception {
        String weak = pem(1024);
        assertThatThrownBy(() -> new SigningKey(properties(weak)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2048");
        assertThatThrownBy(() -> new SigningKey(properties("-----BEGIN PRIVATE KEY-----\nnot a key\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signing-key-pem");
    }

    @Test
    void tokensLiveAsLongAsConfigured() throws Exception {
        var properties = new AuthProperties(null, Duration.ofMinutes(5), "parley", Duration.ofHours(12));
        var tokens = new AccessTokens(new SigningKey(properties), properties);

        var token = tokens.issue(UUID.randomUUID(), USER, Set.of(), 1);
        var claims = SignedJWT.parse(token.token()).getJWTClaimsSet();

        assertThat(token.expiresIn()).isEqualTo(300);
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    private static AuthProperties properties(String pem) {
        return new AuthProperties(pem, Duration.ofMinutes(15), "parley", Duration.ofHours(12));
    }

    private static String pem(int bits) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
