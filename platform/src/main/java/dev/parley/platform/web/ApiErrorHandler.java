package dev.parley.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every failure of a request into {@link ApiError} JSON: an {@link ApiException} as it
 * says, unreadable input as 400 {@code invalid}, an unknown path as 404, anything else as 500
 * {@code internal} — logged here with its stack trace, which never reaches the client.
 */
@Order(-2) // before Boot's default handler, which would render its own error page
public final class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        ErrorAnswer answer = answerFor(failure);
        if (answer.status().is5xxServerError()) {
            log.error(
                    "{} {} failed",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    failure);
        }
        response.setStatusCode(answer.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (failure instanceof ApiException api && api.retryAfterSeconds() > 0) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(api.retryAfterSeconds()));
        }
        byte[] body = json.writeValueAsBytes(answer.error());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static ErrorAnswer answerFor(Throwable failure) {
        if (failure instanceof ApiException api) {
            return new ErrorAnswer(api.status(), new ApiError(api.code(), api.getMessage()));
        }
        if (failure instanceof ServerWebInputException || failure instanceof DecodingException) {
            return new ErrorAnswer(HttpStatus.BAD_REQUEST, new ApiError("invalid", "The request could not be read"));
        }
        if (failure instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            String reason = status.getReason() != null ? status.getReason() : "Request refused";
            String name = code.value() == 404 ? "not_found" : code.is4xxClientError() ? "invalid" : "internal";
            return new ErrorAnswer(code, new ApiError(name, reason));
        }
        return new ErrorAnswer(
                HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("internal", "Something went wrong on our side"));
    }

    private record ErrorAnswer(HttpStatusCode status, ApiError error) {}
}
