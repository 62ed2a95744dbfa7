package dev.parley.widget.asset.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.widget.asset.WidgetAssets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against the bundles the front-end build wrote into target/classes/static/widget/. */
class AssetRoutesTest {

    private static final Path BUILT = Path.of("target/classes/static/widget");

    private final WebTestClient http = WebTestClient.bindToRouterFunction(
                    new AssetRoutes().widgetRoutes(new WidgetAssets()))
            .build();

    private static String hashed(String logicalName) throws IOException {
        JsonNode manifest = new JsonMapper().readTree(Files.readAllBytes(BUILT.resolve("manifest.json")));
        return manifest.get(logicalName).asString();
    }

    @Test
    void hashedFilesAreImmutablePublicAndOpenToEveryOrigin() throws IOException {
        // The panel the launcher injects, and the settings screens the console injects.
        for (String logical : new String[] {"panel.js", "console-settings.js"}) {
            String file = hashed(logical);
            assertThat(file).matches(logical.replace(".js", "") + "\\.[0-9a-f]{8}\\.js");
            http.get()
                    .uri("/widget/" + file)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
                    .expectHeader()
                    .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .expectHeader()
                    .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                    .expectHeader()
                    .doesNotExist(HttpHeaders.CONTENT_ENCODING)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.parseMediaType("text/javascript"))
                    .expectBody(byte[].class)
                    .isEqualTo(Files.readAllBytes(BUILT.resolve(file)));
        }
    }

    @Test
    void brotliWhenAcceptedThenGzip() throws IOException {
        String launcher = hashed("launcher.js");
        byte[] plain = Files.readAllBytes(BUILT.resolve(launcher));
        http.get()
                .uri("/widget/" + launcher)
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br, zstd")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_ENCODING, "br")
                .expectHeader()
                .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .expectBody(byte[].class)
                .isEqualTo(Files.readAllBytes(BUILT.resolve(launcher + ".br")));
        byte[] gzipped = http.get()
                .uri("/widget/" + launcher)
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip, br;q=0")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void theStableLoaderIsShortCachedAndIsTheCurrentBuild() throws IOException {
        http.get()
                .uri("/widget/loader.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .expectBody(byte[].class)
                .isEqualTo(Files.readAllBytes(BUILT.resolve(hashed("loader.js"))));
    }

    @Test
    void anythingElseIsNotFoundAsJson() {
        for (String path : new String[] {
            "/widget/nope.js", "/widget/manifest.json", "/widget/panel.js", "/widget/a/b.js", "/widget/"
        }) {
            http.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.NOT_FOUND)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("not_found");
        }
    }
}
