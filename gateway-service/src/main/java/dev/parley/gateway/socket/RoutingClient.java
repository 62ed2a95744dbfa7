package dev.parley.gateway.socket;

import dev.parley.gateway.auth.Principal;
import dev.parley.gateway.config.ServicesProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A waiting visitor's place in the queue, asked of routing-service when their socket starts
 * following the conversation: queue updates are pushed as they happen, and one pushed before the
 * socket was there (or while it was reconnecting) would otherwise be missing until the next change.
 */
@Component
class RoutingClient {

    private final WebClient routing;
    private final JsonMapper json;

    RoutingClient(ServicesProperties services, JsonMapper json) {
        this.routing =
                WebClient.builder().baseUrl(services.routing().toString()).build();
        this.json = json;
    }

    /** Where the visitor's conversation stands now: {@code conversation.queued} while it waits, {@code conversation.assigned} once answered, else empty. */
    Mono<String> standingFrame(Principal visitor, UUID conversationId) {
        return routing.get()
                .uri("/api/routing/conversations/{id}/position", conversationId)
                .headers(visitor.caller()::writeTo)
                .retrieve()
                .bodyToMono(String.class)
                .flatMap(body -> {
                    JsonNode answer = json.readTree(body);
                    if (answer.hasNonNull("agent")) {
                        // Answered before this socket followed it: the announcement went by unseen.
                        Map<String, Object> frame = new LinkedHashMap<>();
                        frame.put("type", "conversation.assigned");
                        frame.put("conversationId", conversationId);
                        frame.put(
                                "agent",
                                Map.of(
                                        "id", answer.path("agent").path("id").asString(),
                                        "name",
                                                answer.path("agent")
                                                        .path("name")
                                                        .asString("")));
                        return Mono.just(json.writeValueAsString(frame));
                    }
                    if (!answer.path("position").canConvertToInt()) {
                        return Mono.empty();
                    }
                    Map<String, Object> frame = new LinkedHashMap<>();
                    frame.put("type", "conversation.queued");
                    frame.put("conversationId", conversationId);
                    if (answer.hasNonNull("departmentId")) {
                        frame.put("departmentId", answer.path("departmentId").asString());
                    }
                    frame.put("position", answer.path("position").asInt());
                    frame.put(
                            "estimatedWaitSeconds",
                            answer.path("estimatedWaitSeconds").asInt());
                    return Mono.just(json.writeValueAsString(frame));
                })
                .onErrorResume(notQueued -> Mono.empty());
    }
}
