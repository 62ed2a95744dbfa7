package dev.parley.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parts of Parley's public HTTP API a widget calls, through a gateway (the tenant is made by TenantSeeder). */
final class ParleyApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway;
    /** Its threads are named as the harness's, so they count to the client (CpuMeter); busy in set-up only. */
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newCachedThreadPool(
                    Thread.ofPlatform().daemon().name("bench-http-", 0).factory()))
            .build();

    ParleyApi(String gateway) {
        this.gateway = gateway;
    }

    record Response(int status, JsonNode body) {}

    Response call(String method, String path, @Nullable Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(gateway + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** A call that must succeed: its JSON answer. */
    JsonNode ok(String method, String path, @Nullable Object body, Map<String, String> headers) {
        Response response = call(method, path, body, headers);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + path + " answered HTTP " + response.status() + " " + response.body());
        }
        return response.body();
    }

    static Map<String, String> visitor(String token) {
        return Map.of("Authorization", "Visitor " + token);
    }

    /** A new visitor of the site, as the widget makes one on a page of {@code origin}: their token. */
    String newVisitor(String siteKey, String origin) {
        return ok("POST", "/api/session/visitors", Map.of("siteKey", siteKey), Map.of("Origin", origin))
                .path("token")
                .asString();
    }

    String gateway() {
        return gateway;
    }

    String webSocketUrl(String pathAndQuery) {
        return gateway.replaceFirst("^http", "ws") + pathAndQuery;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
