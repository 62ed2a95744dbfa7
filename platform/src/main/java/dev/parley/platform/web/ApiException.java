package dev.parley.platform.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal with a stable code that clients can act on: answered as {@code {"code", "message"}}
 * with its status, never with a stack trace. Throw (or {@code Mono.error}) it from any handler.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, 0);
    }

    private ApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false); // no stack trace: it is an answer, not a bug
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 {@code rate_limited}, answered with a {@code Retry-After} of at least a second. */
    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many attempts; try again later",
                Math.max(1, retryAfterSeconds));
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
