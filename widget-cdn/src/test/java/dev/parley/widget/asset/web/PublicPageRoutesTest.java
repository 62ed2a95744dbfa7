package dev.parley.widget.asset.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.widget.asset.WidgetAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/** The public pages' shell, against the bundles the front-end build wrote into target/classes. */
class PublicPageRoutesTest {

    private final WebTestClient http = WebTestClient.bindToRouterFunction(
                    new PublicPageRoutes().publicPages(new WidgetAssets()))
            .build();

    @Test
    void pricingSignUpAndTheTestPageLoadTheSiteBundleUnderTheConsolesPolicy() throws IOException {
        String bundle = new JsonMapper()
                .readTree(Files.readAllBytes(Path.of("target/classes/static/widget/manifest.json")))
                .get("site.js")
                .asString();
        for (String path : new String[] {"/pricing", "/signup", "/try"}) {
            String page = http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", ConsoleRoutes.CONTENT_SECURITY_POLICY)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("<script defer src=\"/widget/" + bundle + "\"></script>");
        }
        http.get().uri("/admin").exchange().expectStatus().isNotFound();
    }
}
