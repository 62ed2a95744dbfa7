package dev.parley.widget.asset.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.widget.asset.WidgetAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** The console's page, against the bundles the front-end build wrote into target/classes. */
class ConsoleRoutesTest {

    private final WebTestClient http = WebTestClient.bindToRouterFunction(
                    new ConsoleRoutes().consolePage(new WidgetAssets()))
            .build();

    @Test
    void thePageNamesTheCurrentConsoleBundleIsRevalidatedAndLocksScriptsToItsOrigin() throws IOException {
        String bundle = new JsonMapper()
                .readTree(Files.readAllBytes(Path.of("target/classes/static/widget/manifest.json")))
                .get("console.js")
                .asString();
        for (String path : new String[] {"/console", "/console/", "/console/chats/42"}) {
            String page = http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", ConsoleRoutes.CONTENT_SECURITY_POLICY)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("<script defer src=\"/widget/" + bundle + "\"></script>");
        }
        http.head().uri("/console").exchange().expectStatus().isOk();
        assertThat(ConsoleRoutes.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'")
                .doesNotContain("unsafe-eval");
    }
}
