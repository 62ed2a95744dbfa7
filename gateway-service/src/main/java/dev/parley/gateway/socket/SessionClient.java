package dev.parley.gateway.socket;

import dev.parley.gateway.auth.Principal;
import dev.parley.gateway.config.ServicesProperties;
import dev.parley.platform.delivery.Delivery;
import dev.parley.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a socket needs from session-service: whether it may follow a conversation, and what it missed. */
@Component
class SessionClient {

    private static final int PAGE = 500;

    private final WebClient session;
    private final JsonMapper json;

    SessionClient(ServicesProperties services, JsonMapper json) {
        this.session =
                WebClient.builder().baseUrl(services.session().toString()).build();
        this.json = json;
    }

    /** Completes when {@code principal} may follow the conversation; fails with forbidden/not_found. */
    Mono<Void> checkAccess(Principal principal, UUID conversationId) {
        return session.get()
                .uri("/internal/conversations/{id}/access", conversationId)
                .headers(principal.caller()::writeTo)
                .retrieve()
                .toBodilessEntity()
                .then()
                .onErrorMap(WebClientResponseException.class, SessionClient::refusal);
    }

    /** Every message after {@code afterSeq} (up to {@code beforeSeq}, exclusive, when positive), oldest first. */
    Flux<Delivery> messagesAfter(Principal principal, UUID conversationId, long afterSeq, long beforeSeq) {
        return page(principal, conversationId, afterSeq)
                .expand(page -> page.size() == PAGE
                        ? page(principal, conversationId, page.getLast().seq())
                        : Mono.empty())
                .flatMapIterable(page -> page)
                .takeWhile(delivery -> beforeSeq <= 0 || delivery.seq() < beforeSeq);
    }

    private Mono<List<Delivery>> page(Principal principal, UUID conversationId, long afterSeq) {
        return session.get()
                .uri(
                        "/api/session/conversations/{id}/messages?afterSeq={after}&limit={limit}",
                        conversationId,
                        afterSeq,
                        PAGE)
                .headers(principal.caller()::writeTo)
                .retrieve()
                .bodyToMono(String.class)
                .map(body -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (JsonNode message : json.readTree(body).path("messages")) {
                        deliveries.add(new Delivery(message.path("seq").asLong(), message.toString()));
                    }
                    return deliveries;
                })
                .onErrorMap(WebClientResponseException.class, SessionClient::refusal);
    }

    private static Throwable refusal(WebClientResponseException failure) {
        if (failure.getStatusCode().value() == 404) {
            return ApiException.notFound("not_found", "No such conversation");
        }
        if (failure.getStatusCode().value() == 403 || failure.getStatusCode().value() == 401) {
            return ApiException.forbidden("Not your conversation");
        }
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Try again shortly");
    }
}
