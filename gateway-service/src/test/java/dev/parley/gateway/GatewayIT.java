package dev.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.testing.ServiceIT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=parley-platform,gateway-service", "spring.application.name=gateway-service"})
class GatewayIT extends ServiceIT.WithInfrastructure {

    /** An upstream that answers with the request line and headers it received. */
    static final DisposableServer upstream = HttpServer.create()
            .host("localhost")
            .port(0)
            .handle((request, response) -> response.sendString(
                    Mono.just(request.uri() + "\n" + request.requestHeaders().entries())))
            .bindNow();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("parley.services.tenant", () -> "http://localhost:" + upstream.port());
    }

    @AfterAll
    static void stopUpstream() {
        upstream.disposeNow();
    }

    @Override
    protected String serviceName() {
        return GatewayApplication.NAME;
    }

    @Test
    void answersTheWidgetsPreflightFromAnyOriginForVisitorEndpoints() {
        http().options()
                .uri("/api/session/conversations")
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Access-Control-Allow-Origin", "https://shop.example");
    }

    @Test
    void routesToTheServiceAndDropsAClientSentTenantHeader() {
        String seenUpstream = http().get()
                .uri("/api/tenant/ping")
                .header("X-Parley-Tenant", "someone-elses-tenant")
                .header("X-Trace-Me", "kept")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(seenUpstream)
                .startsWith("/api/tenant/ping")
                .containsIgnoringCase("x-trace-me=kept")
                .doesNotContainIgnoringCase("x-parley-tenant");
    }
}
