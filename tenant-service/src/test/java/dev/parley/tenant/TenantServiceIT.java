package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.PASSWORD;
import static dev.parley.tenant.TenantClient.isError;
import static dev.parley.tenant.TenantClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.contracts.CloudEventHeaders;
import dev.parley.contracts.EventTypes;
import dev.parley.contracts.tenant.TenantUpdated;
import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.testing.ServiceIT;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.TenantClient.Tenant;
import dev.parley.tenant.TenantStateRecorder.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
class TenantServiceIT extends ServiceIT.WithInfrastructure {

    private static final List<String> ALL_ROLES = List.of("owner", "admin", "supervisor", "agent");

    @Autowired
    TenantTransactions transactions;

    @Autowired
    DatabaseClient db;

    TenantClient tenants;

    @BeforeEach
    void client() {
        tenants = new TenantClient(http());
    }

    @Override
    protected String serviceName() {
        return TenantApplication.NAME;
    }

    @Test
    void tenantTablesAreMigratedAndEachTenantSeesOnlyItself() {
        UUID alpha = UUID.randomUUID();
        UUID beta = UUID.randomUUID();
        for (UUID tenant : List.of(alpha, beta)) {
            transactions
                    .inTenant(tenant, () -> db.sql("insert into tenant (id, name) values ($1, $2)")
                            .bind(0, tenant)
                            .bind(1, "tenant " + tenant)
                            .then())
                    .block();
        }

        List<UUID> seenByAlpha = transactions
                .inTenant(alpha, () -> db.sql("select id from tenant")
                        .map(row -> row.get("id", UUID.class))
                        .all()
                        .collectList())
                .block();

        assertThat(seenByAlpha).containsExactly(alpha);
    }

    @Test
    void theAppRoleCannotReadUsersAcrossTenantsEvenThoughLoginCanFindThem() {
        Tenant acme = tenants.signUp("Acme");

        Long visibleWithoutTenant = db.sql("select count(*) as n from app_user")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        UUID foundByLogin = db.sql("select tenant_id from find_login($1)")
                .bind(0, acme.email().toUpperCase())
                .map(row -> row.get("tenant_id", UUID.class))
                .one()
                .block();

        assertThat(visibleWithoutTenant).isZero();
        assertThat(foundByLogin).isEqualTo(acme.tenantId());
    }

    @Nested
    class SignUpAndLogin {

        @Test
        void anOwnerSignsUpThenLogsInWithATokenTheJwkSetVerifies() throws Exception {
            Tenant acme = tenants.signUp("Acme");
            assertThat(acme.siteKey()).matches("[A-Za-z0-9_-]{24}");

            Map<?, ?> answer = tenants.login(acme.email().toUpperCase(), PASSWORD)
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(answer).isNotNull();
            assertThat(answer.get("expiresIn")).isEqualTo(900);
            @SuppressWarnings("unchecked")
            var user = (Map<String, Object>) answer.get("user");
            assertThat(user)
                    .containsEntry("id", acme.ownerId().toString())
                    .containsEntry("tenantId", acme.tenantId().toString())
                    .containsEntry("name", "Owner")
                    .containsEntry("roles", ALL_ROLES)
                    .containsEntry("departmentIds", List.of(acme.departmentId().toString()));

            String jwks = http().get()
                    .uri("/api/tenant/auth/jwks")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            JWKSet keys = JWKSet.parse(jwks);
            assertThat(keys.getKeys())
                    .allSatisfy(key -> assertThat(key.isPrivate()).isFalse());

            SignedJWT token = SignedJWT.parse((String) answer.get("accessToken"));
            assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());
            assertThat(key).as("the token's kid is in the JWK set").isNotNull();
            assertThat(token.verify(new RSASSAVerifier(key))).isTrue();

            JWTClaimsSet claims = token.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo("parley");
            assertThat(claims.getSubject()).isEqualTo(acme.ownerId().toString());
            assertThat(claims.getStringClaim("tid")).isEqualTo(acme.tenantId().toString());
            assertThat(claims.getStringListClaim("roles")).isEqualTo(ALL_ROLES);
            assertThat(claims.getStringClaim("name")).isEqualTo("Owner");
            assertThat(claims.getStringListClaim("features")).containsExactly("reports", "supervisor");
            assertThat(claims.getStringListClaim("depts"))
                    .containsExactly(acme.departmentId().toString());
            assertThat(claims.getJWTID()).isNotBlank();
            Instant issued = claims.getIssueTime().toInstant();
            Instant expires = claims.getExpirationTime().toInstant();
            assertThat(Duration.between(issued, expires)).isEqualTo(Duration.ofMinutes(15));
            assertThat(issued)
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        }

        @Test
        void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
            Tenant acme = tenants.signUp("Acme");

            byte[] wrongPassword = tenants.login(acme.email(), PASSWORD + "!")
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            byte[] unknownEmail = tenants.login(uniqueEmail("nobody"), PASSWORD)
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();

            assertThat(wrongPassword).isEqualTo(unknownEmail);
            isError(tenants.login(acme.email(), "x".repeat(9)), HttpStatus.UNAUTHORIZED, "bad_credentials");
        }

        @Test
        void passwordsAreStoredAsSaltedArgon2idHashes() {
            Tenant acme = tenants.signUp("Acme");
            Tenant globex = tenants.signUp("Globex"); // same password

            String acmeHash = passwordHash(acme);
            String globexHash = passwordHash(globex);

            assertThat(acmeHash).startsWith("$argon2id$").doesNotContain(PASSWORD);
            assertThat(globexHash).startsWith("$argon2id$").isNotEqualTo(acmeHash);
        }

        @Test
        void anEmailHasOneAccountAcrossTenantsInAnyCase() {
            Tenant acme = tenants.signUp("Acme");
            Tenant globex = tenants.signUp("Globex");

            // Signing up again is answered as any sign-up; the account's owner is told by e-mail.
            tenants.requestSignUp("Again", acme.email().toUpperCase())
                    .expectStatus()
                    .isAccepted();
            assertThat(dev.parley.infra.MailNode.text(Inbox.one(acme.email(), Inbox.ACCOUNT_SUBJECT)))
                    .contains("has an account already");
            isError(
                    tenants.post(
                            globex.owner(),
                            "/api/tenant/users",
                            Map.of(
                                    "email",
                                    acme.email(),
                                    "displayName",
                                    "Dupe",
                                    "password",
                                    PASSWORD,
                                    "roles",
                                    List.of("agent"))),
                    HttpStatus.CONFLICT,
                    "email_taken");
        }

        @Test
        void anAddedAgentLogsInWithTheirDepartments() throws Exception {
            Tenant acme = tenants.signUp("Acme");
            UUID sales = tenants.addDepartment(acme.owner(), "Sales", "PICKUP");
            String email = uniqueEmail("agent");
            UUID agentId = tenants.addAgent(acme.owner(), email, List.of(sales));

            Map<?, ?> answer = tenants.login(email, PASSWORD)
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(answer).isNotNull();
            JWTClaimsSet claims =
                    SignedJWT.parse((String) answer.get("accessToken")).getJWTClaimsSet();
            assertThat(claims.getSubject()).isEqualTo(agentId.toString());
            assertThat(claims.getStringListClaim("roles")).containsExactly("agent");
            assertThat(claims.getStringListClaim("depts")).containsExactly(sales.toString());
        }

        private String passwordHash(Tenant tenant) {
            return transactions
                    .inTenant(tenant.tenantId(), () -> db.sql(
                                    "select password_hash from app_user where tenant_id = $1 and id = $2")
                            .bind(0, tenant.tenantId())
                            .bind(1, tenant.ownerId())
                            .map(row -> row.get("password_hash", String.class))
                            .one())
                    .block();
        }
    }

    @Nested
    class Snapshots {

        @Test
        void everyChangePublishesTheWholeTenantWithAHigherRevision() throws Exception {
            Tenant acme = tenants.signUp("Acme");
            try (var state = new TenantStateRecorder(acme.tenantId())) {
                Received first = state.await(snapshot -> !snapshot.agents().isEmpty());
                TenantUpdated signedUp = first.snapshot();
                assertThat(first.key()).isEqualTo(acme.tenantId().toString());
                assertThat(first.envelope().type()).isEqualTo(EventTypes.TENANT_UPDATED.name());
                assertThat(first.envelope().source()).isEqualTo("/parley/tenant-service");
                assertThat(first.envelope().headers())
                        .containsEntry(
                                CloudEventHeaders.TENANT_ID, acme.tenantId().toString());
                assertThat(signedUp.name()).isEqualTo("Acme");
                assertThat(signedUp.plan()).isEqualTo("trial");
                assertThat(signedUp.status()).isEqualTo(TenantUpdated.Status.TRIAL);
                assertThat(signedUp.sites())
                        .containsExactly(new TenantUpdated.Site(acme.siteId(), acme.siteKey(), "Website", List.of()));
                assertThat(signedUp.departments())
                        .containsExactly(new TenantUpdated.Department(
                                acme.departmentId(), "General", TenantUpdated.RoutingMode.OFFER));
                assertThat(signedUp.agents())
                        .containsExactly(new TenantUpdated.Agent(
                                acme.ownerId(), "Owner", ALL_ROLES, List.of(acme.departmentId()), 3));

                UUID sales = tenants.addDepartment(acme.owner(), "Sales", "PICKUP");
                UUID agentId = tenants.addAgent(acme.owner(), uniqueEmail("agent"), List.of(sales));
                TenantUpdated withAgent =
                        state.await(snapshot -> snapshot.agents().size() == 2).snapshot();

                assertThat(withAgent.revision()).isGreaterThan(signedUp.revision());
                assertThat(withAgent.departments())
                        .extracting(TenantUpdated.Department::departmentId, TenantUpdated.Department::routingMode)
                        .contains(tuple(sales, TenantUpdated.RoutingMode.PICKUP));
                assertThat(withAgent.agents())
                        .contains(new TenantUpdated.Agent(agentId, "Agent Smith", List.of("agent"), List.of(sales), 5));

                tenants.put(
                                acme.owner(),
                                "/api/tenant/sites/" + acme.siteId() + "/origins",
                                Map.of("allowedOrigins", List.of("HTTPS://Shop.Example:443/", "http://localhost:3000")))
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.allowedOrigins")
                        .isEqualTo(List.of("https://shop.example", "http://localhost:3000"));
                TenantUpdated withOrigins = state.await(snapshot ->
                                !snapshot.sites().getFirst().allowedOrigins().isEmpty())
                        .snapshot();
                assertThat(withOrigins.revision()).isGreaterThan(withAgent.revision());
                assertThat(withOrigins.sites().getFirst().allowedOrigins())
                        .containsExactly("https://shop.example", "http://localhost:3000");

                // One snapshot per change, each one revision above the last.
                assertThat(state.received())
                        .extracting(received -> received.snapshot().revision())
                        .containsExactly(1L, 2L, 3L, 4L);
            }
        }
    }

    @Nested
    class Isolation {

        Tenant acme;
        Tenant globex;

        @BeforeEach
        void twoTenants() {
            acme = tenants.signUp("Acme");
            globex = tenants.signUp("Globex");
        }

        @Test
        void listsShowOnlyTheCallersTenant() {
            tenants.get(acme.owner(), "/api/tenant/sites")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.sites[*].id")
                    .isEqualTo(List.of(acme.siteId().toString()));
            tenants.get(acme.owner(), "/api/tenant/departments")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.departments[*].id")
                    .isEqualTo(List.of(acme.departmentId().toString()));
            tenants.get(acme.agent(), "/api/tenant/users")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.users[*].id")
                    .isEqualTo(List.of(acme.ownerId().toString()))
                    .jsonPath("$.users[0].passwordHash")
                    .doesNotExist();
        }

        @Test
        void anotherTenantsIdsAreNotFound() {
            isError(
                    tenants.put(
                            acme.owner(),
                            "/api/tenant/sites/" + globex.siteId() + "/origins",
                            Map.of("allowedOrigins", List.of("https://evil.example"))),
                    HttpStatus.NOT_FOUND,
                    "not_found");
            isError(
                    tenants.post(
                            acme.owner(),
                            "/api/tenant/users",
                            Map.of(
                                    "email", uniqueEmail("spy"),
                                    "displayName", "Spy",
                                    "password", PASSWORD,
                                    "roles", List.of("agent"),
                                    "departmentIds",
                                            List.of(globex.departmentId().toString()))),
                    HttpStatus.NOT_FOUND,
                    "not_found");

            tenants.get(globex.owner(), "/api/tenant/sites")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.sites[0].allowedOrigins")
                    .isEmpty();
            tenants.get(globex.owner(), "/api/tenant/users")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.users[*].id")
                    .isEqualTo(List.of(globex.ownerId().toString()));
        }

        @Test
        void aCallerForAnotherTenantIdActsOnlyWithinThatTenant() {
            // Headers naming globex's tenant with acme's owner as principal: still only globex's data,
            // and the ids the gateway vouches for are the only ones a request can act for.
            var forged = new Caller(globex.tenantId(), acme.ownerId(), Caller.Kind.AGENT, Set.of("admin"), "Owner");
            tenants.get(forged, "/api/tenant/sites")
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.sites[*].id")
                    .isEqualTo(List.of(globex.siteId().toString()));
        }

        @Test
        void onlyOwnersAndAdminsChangeTheTenant() {
            isError(
                    tenants.post(acme.agent(), "/api/tenant/departments", Map.of("name", "Sales")),
                    HttpStatus.FORBIDDEN,
                    "forbidden");
            var admin = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("admin"), "Admin");
            isError(
                    tenants.post(
                            admin,
                            "/api/tenant/users",
                            Map.of(
                                    "email",
                                    uniqueEmail("boss"),
                                    "displayName",
                                    "Boss",
                                    "password",
                                    PASSWORD,
                                    "roles",
                                    List.of("owner"))),
                    HttpStatus.FORBIDDEN,
                    "forbidden");
            var visitor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), "");
            isError(tenants.get(visitor, "/api/tenant/users"), HttpStatus.FORBIDDEN, "forbidden");
            isError(http().get().uri("/api/tenant/sites").exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
        }
    }

    @Nested
    class ClientMistakes {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                        {"ownerName":"O","email":"a@b.example","password":"long enough"}                   | companyName
                        {"companyName":" ","ownerName":"O","email":"a@b.example","password":"long enough"} | companyName
                        {"companyName":"C","email":"a@b.example","password":"long enough"}                 | ownerName
                        {"companyName":"C","ownerName":"O","email":"not-an-email","password":"long enough"} | email
                        {"companyName":"C","ownerName":"O","email":"a@b.example","password":"short"}       | password
                        {"companyName":"C","ownerName":"O","email":"a@b.example"}                          | password
                        """)
        void signUpNamesTheFieldItRefuses(String body, String field) {
            http().post()
                    .uri("/api/tenant/signup")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid")
                    .jsonPath("$.message")
                    .value(message -> assertThat((String) message).contains(field));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                        POST | /api/tenant/departments            | {"name":"Sales","routingMode":"ROUND_ROBIN"}                   | routingMode
                        POST | /api/tenant/departments            | {"routingMode":"OFFER"}                                        | name
                        POST | /api/tenant/sites                  | {"name":"Shop","allowedOrigins":["https://shop.example/cart"]} | allowedOrigins[0]
                        POST | /api/tenant/sites                  | {"name":"Shop","allowedOrigins":["ftp://shop.example"]}        | allowedOrigins[0]
                        PUT  | /api/tenant/sites/{site}/origins   | {}                                                             | allowedOrigins
                        POST | /api/tenant/users                  | {"email":"x@y.example","displayName":"X","password":"long enough","roles":["god"]}               | roles
                        POST | /api/tenant/users                  | {"email":"x@y.example","displayName":"X","password":"long enough","roles":[]}                    | roles
                        POST | /api/tenant/users                  | {"email":"x@y.example","displayName":"X","password":"long enough","roles":["agent"],"maxChats":-1} | maxChats
                        POST | /api/tenant/users                  | {"email":"x@y.example","displayName":"X","password":"long enough","roles":["agent"],"departmentIds":["nope"]} | departmentIds
                        POST | /api/tenant/users                  | {"email":"x@y.example","password":"long enough","roles":["agent"]} | displayName
                        """)
        void administrationNamesTheFieldItRefuses(String method, String path, String body, String field) {
            Tenant acme = tenants.signUp("Acme");
            var request = method.equals("PUT") ? http().put() : http().post();
            request.uri(path.replace("{site}", acme.siteId().toString()))
                    .headers(acme.owner()::writeTo)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid")
                    .jsonPath("$.message")
                    .value(message -> assertThat((String) message).contains(field));
        }

        @Test
        void unreadableRequestsAre400AndNeverAServerError() {
            Tenant acme = tenants.signUp("Acme");
            for (String body : List.of("{", "[]", "\"text\"", "{\"name\": 42, \"allowedOrigins\": \"x\"}")) {
                isError(
                        http().post()
                                .uri("/api/tenant/sites")
                                .headers(acme.owner()::writeTo)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchange(),
                        HttpStatus.BAD_REQUEST,
                        "invalid");
            }
            isError(
                    http().post()
                            .uri("/api/tenant/auth/login")
                            .contentType(MediaType.APPLICATION_JSON)
                            .exchange(),
                    HttpStatus.BAD_REQUEST,
                    "invalid");
            isError(
                    tenants.put(
                            acme.owner(), "/api/tenant/sites/not-a-uuid/origins", Map.of("allowedOrigins", List.of())),
                    HttpStatus.BAD_REQUEST,
                    "invalid");
            isError(tenants.login("", PASSWORD), HttpStatus.BAD_REQUEST, "invalid");
        }

        @Test
        void aDuplicateDepartmentNameIsAConflict() {
            Tenant acme = tenants.signUp("Acme");
            isError(
                    tenants.post(acme.owner(), "/api/tenant/departments", Map.of("name", "general")),
                    HttpStatus.CONFLICT,
                    "department_exists");
        }
    }
}
