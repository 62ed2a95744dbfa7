package dev.parley.session.feedback.web;

import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.session.feedback.Ratings;
import dev.parley.session.feedback.TranscriptRequests;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** What a visitor gives after a chat (a rating, a transcript request) and what agents read of it. */
@RestController
class FeedbackEndpoints {

    private final Ratings ratings;
    private final TranscriptRequests transcripts;

    FeedbackEndpoints(Ratings ratings, TranscriptRequests transcripts) {
        this.ratings = ratings;
        this.transcripts = transcripts;
    }

    // The score stays a JSON node until checked: a number type would quietly turn 4.5 or "4" into 4.
    record RatingForm(@Nullable JsonNode score, @Nullable String comment) {}

    @PostMapping("/api/session/conversations/{id}/rating")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> rate(@PathVariable("id") UUID conversationId, @RequestBody RatingForm form, ServerWebExchange exchange) {
        return visitor(exchange).flatMap(visitor -> {
            JsonNode score = form.score();
            if (score == null || !score.isIntegralNumber() || !score.canConvertToInt()) {
                return Mono.error(ApiException.badRequest("invalid", "score must be a whole number from 1 to 5"));
            }
            return ratings.rate(visitor, conversationId, score.intValue(), form.comment());
        });
    }

    /** For the console: the rating of a conversation of the agent's tenant, {@code null} until given. */
    @GetMapping("/api/session/conversations/{id}/rating")
    Mono<Ratings.Rated> rating(@PathVariable("id") UUID conversationId, ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.AGENT)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only agents read ratings")))
                .flatMap(agent -> ratings.of(agent, conversationId));
    }

    record TranscriptForm(@Nullable String email) {}

    record Accepted(UUID id) {}

    @PostMapping("/api/session/conversations/{id}/transcript")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> transcript(
            @PathVariable("id") UUID conversationId, @RequestBody TranscriptForm form, ServerWebExchange exchange) {
        return visitor(exchange)
                .flatMap(visitor -> transcripts.request(visitor, conversationId, form.email()))
                .map(Accepted::new);
    }

    private static Mono<Caller> visitor(ServerWebExchange exchange) {
        return Caller.of(exchange)
                .filter(caller -> caller.kind() == Caller.Kind.VISITOR)
                .switchIfEmpty(Mono.error(ApiException.forbidden("Only the chat's visitor gives this")));
    }
}
