package dev.parley.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.testing.ServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

@SpringBootTest(
        classes = WidgetCdnApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,widget-cdn", "spring.application.name=widget-cdn"})
class WidgetCdnIT extends ServiceIT {

    @Override
    protected String serviceName() {
        return WidgetCdnApplication.NAME;
    }

    @Test
    void servesTheLoaderPrecompressedAndNothingElseUnderWidget() throws Exception {
        // A plain JDK client: Reactor Netty's would decompress and drop Content-Encoding.
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> loader = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/widget/loader.js"))
                            .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(loader.statusCode()).isEqualTo(200);
            assertThat(loader.headers().firstValue(HttpHeaders.CONTENT_ENCODING))
                    .contains("gzip");
            assertThat(loader.headers().firstValue(HttpHeaders.CACHE_CONTROL)).contains("max-age=300, public");
            assertThat(loader.body()).startsWith((byte) 0x1f, (byte) 0x8b);
        }
        http().get()
                .uri("/widget/manifest.json")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NOT_FOUND)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_found");
    }
}
