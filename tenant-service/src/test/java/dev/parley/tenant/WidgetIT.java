package dev.parley.tenant;

import static dev.parley.tenant.TenantClient.isError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.testing.ServiceIT;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.TenantClient.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The website widget's configuration: public by site key, cached with an ETag, changed by owners and admins. */
@SpringBootTest(
        classes = TenantApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,tenant-service", "spring.application.name=tenant-service"})
class WidgetIT extends ServiceIT.WithInfrastructure {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The configuration of the protocol's example, as the console would send it. */
    private static final String EXAMPLE = """
            {"look":{"label":"Chat with us","color":"#2563EB","position":"right","icon":"chat","imageUrl":null,
                     "title":"Demo Shop","greeting":"Hi! How can we help?"},
             "survey":[{"name":"name","label":"Your name","type":"text","required":true},
                       {"name":"email","label":"Email","type":"email","required":true},
                       {"name":"topic","label":"Topic","type":"select","required":false,
                        "options":["Orders","Returns","Other"]}],
             "invitations":[{"id":"r1","afterSeconds":20,"urlPattern":"/products*","message":"Need help choosing?"}],
             "hours":{"timeZone":"Europe/London",
                      "week":{"mon":[{"from":"09:00","to":"17:30"}],"tue":[{"from":"09:00","to":"12:00"},
                              {"from":"13:00","to":"17:30"}],"sat":[]}},
             "offline":{"message":"We're away right now. Leave a message and we'll email you."}}
            """;

    /** The tenant the refused changes are sent for. */
    private static @Nullable Tenant refused;

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
    void aSiteNobodyConfiguredHasTheDefaultConfiguration() {
        Tenant acme = tenants.signUp("Acme Outdoor");

        EntityExchangeResult<byte[]> published = publicGet(acme.siteKey())
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult();
        Map<String, Object> widget = map(published.getResponseBody());

        assertThat(published.getResponseHeaders().getETag()).matches("\"[A-Za-z0-9_-]+\"");
        assertThat(widget)
                .containsEntry("siteKey", acme.siteKey())
                .containsEntry("revision", 0)
                .containsEntry("invitations", List.of())
                .containsEntry("hours", null)
                .containsEntry(
                        "offline", Map.of("message", "We're away right now. Leave a message and we'll email you."));
        assertThat(widget.get("look"))
                .isEqualTo(ordered(
                        "label", "Chat with us",
                        "color", "#2563eb",
                        "position", "right",
                        "icon", "chat",
                        "imageUrl", null,
                        "title", "Acme Outdoor",
                        "greeting", "Hi! How can we help?"));
        assertThat(widget.get("survey"))
                .isEqualTo(List.of(
                        Map.of("name", "name", "label", "Your name", "type", "text", "required", true),
                        Map.of("name", "email", "label", "Email", "type", "email", "required", false)));
        // The console reads the same document.
        assertThat(map(tenants.get(acme.owner(), widgetPath(acme.siteId()))
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody()))
                .isEqualTo(widget);
    }

    @Test
    void aSavedConfigurationIsWhatTheWidgetReadsWithANewEtag() {
        Tenant acme = tenants.signUp("Acme");
        String defaultTag = etagOf(acme.siteKey());

        Map<String, Object> saved = map(tenants.put(acme.owner(), widgetPath(acme.siteId()), map(EXAMPLE))
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody());

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("siteKey", acme.siteKey());
        expected.put("revision", 1);
        expected.putAll(map(EXAMPLE.replace("#2563EB", "#2563eb"))); // colours are stored in lower case
        assertThat(saved).isEqualTo(expected);
        EntityExchangeResult<byte[]> published =
                publicGet(acme.siteKey()).expectStatus().isOk().expectBody().returnResult();
        String body = new String(published.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(map(published.getResponseBody())).isEqualTo(expected);
        // In the order the widget documents it, although Postgres keeps jsonb keys in an order of its own.
        assertThat(body)
                .containsSubsequence("\"siteKey\"", "\"revision\"", "\"look\"", "\"survey\"", "\"invitations\"")
                .containsSubsequence("\"mon\"", "\"tue\"", "\"sat\"")
                .doesNotContain("\"options\":null");
        String savedTag = published.getResponseHeaders().getETag();
        assertThat(savedTag).isNotEqualTo(defaultTag);

        // What the browser holds is current: 304, no body, the same tag and caching.
        publicGet(acme.siteKey(), savedTag)
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, savedTag)
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                .expectBody()
                .isEmpty();
        publicGet(acme.siteKey(), defaultTag).expectStatus().isOk();

        // A second change: the next revision, another tag; siteKey and revision sent back are ignored.
        Map<String, Object> again = map(EXAMPLE);
        again.put("siteKey", "someone-elses");
        again.put("revision", 99);
        again.put("hours", null);
        tenants.put(acme.owner(), widgetPath(acme.siteId()), again)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(2)
                .jsonPath("$.siteKey")
                .isEqualTo(acme.siteKey());
        assertThat(map(publicGet(acme.siteKey(), savedTag)
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody()))
                .containsEntry("revision", 2)
                .containsEntry("hours", null);
        assertThat(etagOf(acme.siteKey())).isNotIn(defaultTag, savedTag);
    }

    @Test
    void anUnknownSiteKeyIsNotFound() {
        isError(publicGet("no-site-has-this-key-000"), HttpStatus.NOT_FOUND, "not_found");
        isError(publicGet("not a key!"), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void onlyOwnersAndAdminsReadOrChangeItInTheConsole() {
        Tenant acme = tenants.signUp("Acme");
        String path = widgetPath(acme.siteId());

        isError(tenants.get(acme.agent(), path), HttpStatus.FORBIDDEN, "forbidden");
        isError(tenants.put(acme.agent(), path, map(EXAMPLE)), HttpStatus.FORBIDDEN, "forbidden");
        var supervisor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("supervisor"), "Sue");
        isError(tenants.put(supervisor, path, map(EXAMPLE)), HttpStatus.FORBIDDEN, "forbidden");
        var visitor = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.VISITOR, Set.of(), "");
        isError(tenants.put(visitor, path, map(EXAMPLE)), HttpStatus.FORBIDDEN, "forbidden");
        isError(http().get().uri(path).exchange(), HttpStatus.UNAUTHORIZED, "unauthorized");
        publicGet(acme.siteKey()).expectBody().jsonPath("$.revision").isEqualTo(0);

        var admin = new Caller(acme.tenantId(), UUID.randomUUID(), Caller.Kind.AGENT, Set.of("admin"), "Ada");
        tenants.put(admin, path, map(EXAMPLE)).expectStatus().isOk();
        tenants.get(admin, path)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(1);
    }

    @Test
    void anotherTenantsSiteIsNotFoundAndStaysAsItWas() {
        Tenant acme = tenants.signUp("Acme");
        Tenant globex = tenants.signUp("Globex");
        String globexTag = etagOf(globex.siteKey());

        isError(tenants.get(acme.owner(), widgetPath(globex.siteId())), HttpStatus.NOT_FOUND, "not_found");
        isError(
                tenants.put(acme.owner(), widgetPath(globex.siteId()), map(EXAMPLE)),
                HttpStatus.NOT_FOUND,
                "not_found");
        isError(
                tenants.put(acme.owner(), widgetPath(UUID.randomUUID()), map(EXAMPLE)),
                HttpStatus.NOT_FOUND,
                "not_found");

        publicGet(globex.siteKey())
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, globexTag)
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(0)
                .jsonPath("$.look.title")
                .isEqualTo("Globex");
        tenants.get(globex.owner(), widgetPath(globex.siteId()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revision")
                .isEqualTo(0);
    }

    @Test
    void theAppRoleCannotReadConfigurationsAcrossTenantsEvenThoughTheWidgetLookupFindsThem() {
        Tenant acme = tenants.signUp("Acme");
        tenants.put(acme.owner(), widgetPath(acme.siteId()), map(EXAMPLE))
                .expectStatus()
                .isOk();

        Long visibleWithoutTenant = db.sql("select count(*) as n from site_widget")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        Long foundByKey = db.sql("select revision from widget_by_site_key($1)")
                .bind(0, acme.siteKey())
                .map(row -> row.get("revision", Long.class))
                .one()
                .block();

        assertThat(visibleWithoutTenant).isZero();
        assertThat(foundByKey).isEqualTo(1L);
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("mistakes")
    void aChangeNamesTheFieldItRefusesAndChangesNothing(String pointer, @Nullable Object value, String field) {
        if (refused == null) {
            refused = tenants.signUp("Acme"); // one tenant for every case: none of them may change it
        }
        Tenant acme = refused;

        tenants.put(acme.owner(), widgetPath(acme.siteId()), changed(pointer, value))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid")
                .jsonPath("$.message")
                .value(message -> assertThat((String) message).contains(field));
        publicGet(acme.siteKey()).expectBody().jsonPath("$.revision").isEqualTo(0);
    }

    /** A pointer into the example, what to put there ({@link #ABSENT}: remove it), the field the answer names. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("/look", ABSENT, "look"),
                Arguments.of("/look/label", "x".repeat(41), "look.label"),
                Arguments.of("/look/label", "  ", "look.label"),
                Arguments.of("/look/label", 42, "look.label"),
                Arguments.of("/look/color", "blue", "look.color"),
                Arguments.of("/look/color", "#12345", "look.color"),
                Arguments.of("/look/position", "top", "look.position"),
                Arguments.of("/look/icon", "star", "look.icon"),
                Arguments.of("/look/imageUrl", "http://shop.example/logo.png", "look.imageUrl"),
                Arguments.of("/look/imageUrl", "https://shop.example/" + "a".repeat(480), "look.imageUrl"),
                Arguments.of("/look/title", "x".repeat(61), "look.title"),
                Arguments.of("/look/greeting", "x".repeat(201), "look.greeting"),
                Arguments.of("/survey", ABSENT, "survey"),
                Arguments.of("/survey", fields(11), "survey"),
                Arguments.of("/survey/0/name", "Name", "survey[0].name"),
                Arguments.of("/survey/0/name", "x".repeat(33), "survey[0].name"),
                Arguments.of("/survey/1/name", "name", "survey[1].name"),
                Arguments.of("/survey/0/label", "x".repeat(81), "survey[0].label"),
                Arguments.of("/survey/0/type", "date", "survey[0].type"),
                Arguments.of("/survey/0/required", "yes", "survey[0].required"),
                Arguments.of("/survey/0/options", List.of("a"), "survey[0].options"),
                Arguments.of("/survey/2/options", ABSENT, "survey[2].options"),
                Arguments.of("/survey/2/options", List.of(), "survey[2].options"),
                Arguments.of("/survey/2/options", options(21), "survey[2].options"),
                Arguments.of("/survey/2/options", List.of("x".repeat(81)), "survey[2].options[0]"),
                Arguments.of("/survey/2/options", List.of("Orders", ""), "survey[2].options[1]"),
                Arguments.of("/invitations", invitations(11), "invitations"),
                Arguments.of("/invitations/0/id", "no spaces", "invitations[0].id"),
                Arguments.of("/invitations", invitations(2, "same"), "invitations[1].id"),
                Arguments.of("/invitations/0/afterSeconds", 3601, "invitations[0].afterSeconds"),
                Arguments.of("/invitations/0/afterSeconds", -1, "invitations[0].afterSeconds"),
                Arguments.of("/invitations/0/afterSeconds", "20", "invitations[0].afterSeconds"),
                Arguments.of("/invitations/0/urlPattern", "/" + "x".repeat(200), "invitations[0].urlPattern"),
                Arguments.of("/invitations/0/message", "", "invitations[0].message"),
                Arguments.of("/invitations/0/message", "x".repeat(201), "invitations[0].message"),
                Arguments.of("/hours", ABSENT, "hours"),
                Arguments.of("/hours/timeZone", "Mars/Olympus_Mons", "hours.timeZone"),
                Arguments.of("/hours/week", ABSENT, "hours.week"),
                Arguments.of("/hours/week/funday", List.of(), "hours.week.funday"),
                Arguments.of("/hours/week/mon/0/from", "9:00", "hours.week.mon[0].from"),
                Arguments.of("/hours/week/mon/0/to", "24:00", "hours.week.mon[0].to"),
                Arguments.of("/hours/week/tue/1/from", "18:00", "hours.week.tue[1].from"),
                Arguments.of("/offline", ABSENT, "offline"),
                Arguments.of("/offline/message", "x".repeat(301), "offline.message"));
    }

    @Test
    void aBodyThatIsNoObjectIsRefusedAsInvalid() {
        Tenant acme = tenants.signUp("Acme");
        for (String body : List.of("[]", "\"text\"", "{")) {
            isError(
                    http().put()
                            .uri(widgetPath(acme.siteId()))
                            .headers(acme.owner()::writeTo)
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body)
                            .exchange(),
                    HttpStatus.BAD_REQUEST,
                    "invalid");
        }
    }

    // --- helpers

    /** Marks a member to remove rather than to set. */
    private static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "absent";
        }
    };

    private WebTestClient.ResponseSpec publicGet(String siteKey) {
        return http().get().uri("/api/tenant/widget/{siteKey}", siteKey).exchange();
    }

    private WebTestClient.ResponseSpec publicGet(String siteKey, String ifNoneMatch) {
        return http().get()
                .uri("/api/tenant/widget/{siteKey}", siteKey)
                .header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
                .exchange();
    }

    private String etagOf(String siteKey) {
        String etag = publicGet(siteKey)
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getETag();
        assertThat(etag).isNotNull();
        return etag;
    }

    private static String widgetPath(UUID siteId) {
        return "/api/tenant/sites/" + siteId + "/widget";
    }

    private static Map<String, Object> map(byte @Nullable [] json) {
        assertThat(json).isNotNull();
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private static Map<String, Object> map(String json) {
        return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    private static Map<String, @Nullable Object> ordered(@Nullable Object... pairs) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The example with the member at {@code pointer} set to {@code value}, or removed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> changed(String pointer, @Nullable Object value) {
        Map<String, Object> body = map(EXAMPLE);
        List<String> steps = List.of(pointer.substring(1).split("/"));
        Object parent = body;
        for (String step : steps.subList(0, steps.size() - 1)) {
            parent = parent instanceof Map<?, ?> map ? map.get(step) : ((List<?>) parent).get(Integer.parseInt(step));
        }
        String last = steps.getLast();
        if (parent instanceof Map<?, ?> map) {
            if (value == ABSENT) {
                map.remove(last);
            } else {
                ((Map<String, Object>) map).put(last, value);
            }
        } else {
            ((List<Object>) parent).set(Integer.parseInt(last), value);
        }
        return body;
    }

    private static List<Map<String, Object>> fields(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Map.<String, Object>of("name", "f" + i, "label", "Field " + i, "type", "text"))
                .toList();
    }

    private static List<String> options(int count) {
        return IntStream.range(0, count).mapToObj(i -> "Option " + i).toList();
    }

    private static List<Map<String, Object>> invitations(int count) {
        List<Map<String, Object>> invitations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            invitations.add(Map.of("id", "i" + i, "afterSeconds", 10, "urlPattern", "*", "message", "Hello"));
        }
        return invitations;
    }

    private static List<Map<String, Object>> invitations(int count, String sameId) {
        return invitations(count).stream()
                .map(invitation -> {
                    Map<String, Object> copy = new LinkedHashMap<>(invitation);
                    copy.put("id", sameId);
                    return (Map<String, Object>) copy;
                })
                .toList();
    }
}
