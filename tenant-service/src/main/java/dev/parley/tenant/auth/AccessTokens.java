package dev.parley.tenant.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.tenant.user.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues RS256 access tokens. The claims are what the gateway needs to admit a console user
 * without asking this service: who ({@code sub}, {@code name}), for which tenant ({@code tid}),
 * with which {@code roles} and departments ({@code depts}); {@code jti} names the token for
 * revocation.
 */
@Component
public class AccessTokens {

    private final SigningKey key;
    private final AuthProperties properties;
    private final RSASSASigner signer;
    private final Clock clock;

    public AccessTokens(SigningKey key, AuthProperties properties) {
        this.key = key;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        try {
            this.signer = new RSASSASigner(key.privateKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the configured key", e);
        }
    }

    /** A signed token and how many seconds it lives. */
    public record AccessToken(String token, long expiresIn) {}

    /**
     * @param features the tenant's plan's features: the gateway passes them on, services enforce them
     * @param tenantRevision the tenant's snapshot revision when the token was made ({@code rev}): a
     *     gateway whose copy of the tenant is at least that new knows whether the user is still
     *     active, and refuses the token when not
     */
    public AccessToken issue(UUID tenantId, User user, Set<String> features, long tenantRevision) {
        // Whole seconds: JWT times are NumericDate seconds, and expiresIn should agree with exp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(properties.accessTokenLifetime());
        var claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(user.id().toString())
                .claim("tid", tenantId.toString())
                .claim("roles", user.roles())
                .claim("name", user.displayName())
                .claim("features", features.stream().sorted().toList())
                .claim("rev", tenantRevision)
                .claim(
                        "depts",
                        user.departmentIds().stream().map(UUID::toString).toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.privateKey().getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return new AccessToken(jwt.serialize(), properties.accessTokenLifetime().toSeconds());
    }
}
