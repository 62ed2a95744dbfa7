package dev.parley.session.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.session.SessionHttpIT;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** The widget reports pages and identity; agents see who is on the site now and where they went. */
class VisitorActivityIT extends SessionHttpIT {

    final UUID tenant = UUID.randomUUID();
    final UUID site = UUID.randomUUID();
    final UUID agent = UUID.randomUUID();

    @Test
    void pageViewsAreKeptAndTheLatestIsTheVisitorsCurrentPage() {
        UUID visitor = visitor(tenant, site);
        pageView(
                        visitor,
                        Map.of("url", "https://shop.example/", "title", "Shop", "referrer", "https://search.example/q"))
                .expectStatus()
                .isNoContent();
        pageView(visitor, Map.of("url", "https://shop.example/shoes", "referrer", "https://shop.example/"))
                .expectStatus()
                .isNoContent();
        pageView(visitor, Map.of("url", "HTTP://shop.example/shoes/red?size=42", "title", "Red shoes"))
                .expectStatus()
                .isNoContent();

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/{id}/page-views", visitor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.pageViews.length()")
                .isEqualTo(3)
                .jsonPath("$.pageViews[0].url")
                .isEqualTo("HTTP://shop.example/shoes/red?size=42")
                .jsonPath("$.pageViews[0].title")
                .isEqualTo("Red shoes")
                .jsonPath("$.pageViews[0].referrer")
                .isEmpty()
                .jsonPath("$.pageViews[1].url")
                .isEqualTo("https://shop.example/shoes")
                .jsonPath("$.pageViews[1].title")
                .isEmpty()
                .jsonPath("$.pageViews[1].referrer")
                .isEqualTo("https://shop.example/")
                .jsonPath("$.pageViews[2].url")
                .isEqualTo("https://shop.example/")
                .jsonPath("$.pageViews[2].viewedAt")
                .isNotEmpty();

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/live")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.visitors.length()")
                .isEqualTo(1)
                .jsonPath("$.visitors[0].visitorId")
                .isEqualTo(visitor.toString())
                .jsonPath("$.visitors[0].currentUrl")
                .isEqualTo("HTTP://shop.example/shoes/red?size=42")
                .jsonPath("$.visitors[0].currentTitle")
                .isEqualTo("Red shoes")
                .jsonPath("$.visitors[0].referrer") // where they came from, not the last page
                .isEqualTo("https://search.example/q")
                .jsonPath("$.visitors[0].pageViews")
                .isEqualTo(3)
                .jsonPath("$.visitors[0].chatting")
                .isEqualTo(false)
                .jsonPath("$.visitors[0].name")
                .isEmpty();
        List<Instant> seen = query(
                        tenant,
                        "select first_seen_at, last_seen_at from visitor where id = '" + visitor + "'",
                        row -> List.of(row.get(0, Instant.class), row.get(1, Instant.class)))
                .getFirst();
        assertThat(seen.get(0)).isBefore(seen.get(1));
    }

    @Test
    void theLiveListHasRecentVisitorsMostRecentFirstAndWhetherTheyChat() {
        UUID browsing = visitor(tenant, site);
        UUID chatting = visitor(tenant, site);
        UUID gone = visitor(tenant, site);
        visitor(tenant, site); // registered, but no page view yet: not on the list
        UUID finished = visitor(tenant, site);
        for (UUID visitor : List.of(gone, finished, chatting, browsing)) {
            pageView(visitor, Map.of("url", "https://shop.example/"))
                    .expectStatus()
                    .isNoContent();
        }
        conversationOf(tenant, chatting, "ACTIVE");
        conversationOf(tenant, finished, "CLOSED");
        execute(tenant, "update visitor set last_seen_at = now() - interval '6 minutes' where id = '" + gone + "'");

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/live")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.visitors[*].visitorId")
                .isEqualTo(List.of(browsing.toString(), chatting.toString(), finished.toString()))
                .jsonPath("$.visitors[*].chatting")
                .isEqualTo(List.of(false, true, false));
    }

    @Test
    void identifyTellsAgentsWhoTheVisitorIs() {
        UUID visitor = visitor(tenant, site);
        pageView(visitor, Map.of("url", "https://shop.example/")).expectStatus().isNoContent();

        identify(visitor, Map.of("name", " Ada Lovelace ", "email", "ada@example.com"))
                .expectStatus()
                .isNoContent();
        identify(visitor, Map.of("email", "countess@example.org"))
                .expectStatus()
                .isNoContent();

        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/live")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.visitors[0].name")
                .isEqualTo("Ada Lovelace")
                .jsonPath("$.visitors[0].email")
                .isEqualTo("countess@example.org");
    }

    @Test
    void malformedReportsAreRefusedAndChangeNothing() {
        UUID visitor = visitor(tenant, site);
        Map<String, Object> noUrl = new HashMap<>();
        noUrl.put("url", null);
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of(),
                noUrl,
                Map.<String, Object>of("url", ""),
                Map.<String, Object>of("url", "shop.example/"),
                Map.<String, Object>of("url", "javascript:alert(1)"),
                Map.<String, Object>of("url", "ftp://shop.example/"),
                Map.<String, Object>of("url", "https://"),
                Map.<String, Object>of("url", "https://shop.example/" + "x".repeat(2048)),
                Map.<String, Object>of("url", "https://shop.example/", "title", "x".repeat(301)),
                Map.<String, Object>of("url", "https://shop.example/", "referrer", "x".repeat(2049)))) {
            pageView(visitor, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of(),
                Map.<String, Object>of("name", ""),
                Map.<String, Object>of("name", "x".repeat(81)),
                Map.<String, Object>of("email", "ada"),
                Map.<String, Object>of("name", "Ada", "email", "ada@"))) {
            identify(visitor, body)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid");
        }
        assertThat(count(tenant, "select count(*) from page_view")).isZero();
        assertThat(query(
                        tenant,
                        "select coalesce(name, '') || coalesce(email, '') || page_view_count"
                                + " || coalesce(last_seen_at::text, '') from visitor",
                        row -> row.get(0, String.class)))
                .containsExactly("0");

        pageView(
                        visitor,
                        Map.of(
                                "url",
                                "https://shop.example/" + "x".repeat(2048 - 21),
                                "title",
                                "x".repeat(300),
                                "referrer",
                                "x".repeat(2048)))
                .expectStatus()
                .isNoContent();
    }

    @Test
    void visitorsReportAndAgentsLook() {
        UUID visitor = visitor(tenant, site);
        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/visitors/me/page-views")
                .bodyValue(Map.of("url", "https://shop.example/"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("forbidden");
        as(agentCaller(tenant, agent))
                .post()
                .uri("/api/session/visitors/me/identity")
                .bodyValue(Map.of("name", "Ada"))
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/visitors/live")
                .exchange()
                .expectStatus()
                .isForbidden();
        as(visitorCaller(tenant, visitor))
                .get()
                .uri("/api/session/visitors/{id}/page-views", visitor)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(agentCaller(tenant, agent))
                .get()
                .uri("/api/session/visitors/{id}/page-views", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
        assertThat(count(tenant, "select count(*) from page_view")).isZero();
    }

    private ResponseSpec pageView(UUID visitor, Map<String, ?> body) {
        return as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/visitors/me/page-views")
                .bodyValue(body)
                .exchange();
    }

    private ResponseSpec identify(UUID visitor, Map<String, ?> body) {
        return as(visitorCaller(tenant, visitor))
                .post()
                .uri("/api/session/visitors/me/identity")
                .bodyValue(body)
                .exchange();
    }
}
