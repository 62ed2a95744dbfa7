package dev.parley.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.gateway.config.ServicesProperties;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Checks credentials: agents' JWTs against tenant-service's published keys, fetched once and
 * cached, so verifying costs a signature check and no call; visitors' tokens with session-service,
 * which holds their hashes, remembered for a minute. Any failure is a 401 {@code unauthorized}.
 */
@Component
public class Authenticator {

    private final WebClient tenantService;
    private final WebClient sessionService;
    private final AuthProperties properties;
    private final AtomicReference<Keys> keys = new AtomicReference<>(new Keys(new JWKSet(), Instant.EPOCH));
    private final Map<String, CachedVisitor> visitors = new ConcurrentHashMap<>();

    public Authenticator(ServicesProperties services, AuthProperties properties) {
        this.tenantService =
                WebClient.builder().baseUrl(services.tenant().toString()).build();
        this.sessionService =
                WebClient.builder().baseUrl(services.session().toString()).build();
        this.properties = properties;
    }

    private record Keys(JWKSet set, Instant fetchedAt) {}

    private record CachedVisitor(Principal principal, Instant until) {}

    private record VisitorIdentity(UUID tenantId, UUID visitorId, UUID siteId) {}

    /** The agent (or supervisor, admin, owner) an access token names. */
    public Mono<Principal> agent(String accessToken) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(accessToken);
        } catch (ParseException e) {
            return Mono.error(ApiException.unauthorized("Unreadable access token"));
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Mono.error(ApiException.unauthorized("Unexpected token algorithm"));
        }
        String keyId = jwt.getHeader().getKeyID();
        return key(keyId).flatMap(key -> verified(jwt, key));
    }

    private Mono<RSAKey> key(@Nullable String keyId) {
        return currentKeys(false).flatMap(set -> find(set, keyId)
                .map(Mono::just)
                // A key we do not know yet: tenant-service may have rotated; look once more.
                .orElseGet(() -> currentKeys(true).flatMap(fresh -> find(fresh, keyId)
                        .map(Mono::just)
                        .orElseGet(() -> Mono.error(ApiException.unauthorized("Unknown signing key"))))));
    }

    private static java.util.Optional<RSAKey> find(JWKSet set, @Nullable String keyId) {
        JWK key = keyId == null
                ? (set.getKeys().size() == 1 ? set.getKeys().getFirst() : null)
                : set.getKeyByKeyId(keyId);
        return key instanceof RSAKey rsa ? java.util.Optional.of(rsa) : java.util.Optional.empty();
    }

    private Mono<JWKSet> currentKeys(boolean refresh) {
        Keys cached = keys.get();
        Duration age = Duration.between(cached.fetchedAt(), Instant.now());
        boolean stale = age.compareTo(properties.jwksRefresh()) > 0;
        // Refresh on demand at most every few seconds, so garbage tokens cannot hammer tenant-service.
        if (!stale && !(refresh && age.compareTo(Duration.ofSeconds(5)) > 0)) {
            return Mono.just(cached.set());
        }
        return tenantService
                .get()
                .uri("/api/tenant/auth/jwks")
                .retrieve()
                .bodyToMono(String.class)
                .map(body -> {
                    try {
                        JWKSet set = JWKSet.parse(body);
                        keys.set(new Keys(set, Instant.now()));
                        return set;
                    } catch (ParseException e) {
                        throw ApiException.unauthorized("Signing keys unreadable");
                    }
                })
                .onErrorResume(failure -> cached.set().getKeys().isEmpty()
                        ? Mono.error(new ApiException(
                                org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                                "unavailable",
                                "Sign-in is unavailable, try again shortly"))
                        : Mono.just(cached.set()));
    }

    private static Mono<Principal> verified(SignedJWT jwt, RSAKey key) {
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                return Mono.error(ApiException.unauthorized("Bad token signature"));
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return Mono.error(ApiException.unauthorized("Access token expired"));
            }
            if (!"parley".equals(claims.getIssuer())) {
                return Mono.error(ApiException.unauthorized("Token not issued by Parley"));
            }
            Set<String> roles = new HashSet<>(strings(claims.getClaim("roles")));
            List<UUID> departments = strings(claims.getClaim("depts")).stream()
                    .map(UUID::fromString)
                    .toList();
            String name = claims.getStringClaim("name");
            Object features = claims.getClaim("features");
            return Mono.just(new Principal(
                    Caller.Kind.AGENT,
                    UUID.fromString(claims.getStringClaim("tid")),
                    UUID.fromString(claims.getSubject()),
                    name == null ? "" : name,
                    Set.copyOf(roles),
                    departments,
                    null,
                    features == null ? null : Set.copyOf(strings(features)),
                    claims.getLongClaim("rev")));
        } catch (JOSEException | ParseException | IllegalArgumentException | NullPointerException e) {
            return Mono.error(ApiException.unauthorized("Invalid access token"));
        }
    }

    private static List<String> strings(@Nullable Object claim) {
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The visitor a visitor token belongs to. */
    public Mono<Principal> visitor(String token) {
        CachedVisitor cached = visitors.get(token);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Mono.just(cached.principal());
        }
        return sessionService
                .post()
                .uri("/internal/visitors/authenticate")
                .bodyValue(Map.of("token", token))
                .retrieve()
                .onStatus(
                        HttpStatusCode::is4xxClientError,
                        response -> Mono.error(ApiException.unauthorized("Unknown visitor token")))
                .bodyToMono(VisitorIdentity.class)
                .map(identity -> new Principal(
                        Caller.Kind.VISITOR,
                        identity.tenantId(),
                        identity.visitorId(),
                        "",
                        Set.of(),
                        List.of(),
                        identity.siteId(),
                        null,
                        null))
                .doOnNext(principal -> {
                    if (visitors.size() > 100_000) {
                        visitors.clear(); // a crude bound; entries are cheap to rebuild
                    }
                    visitors.put(
                            token, new CachedVisitor(principal, Instant.now().plus(properties.visitorTokenCache())));
                });
    }
}
