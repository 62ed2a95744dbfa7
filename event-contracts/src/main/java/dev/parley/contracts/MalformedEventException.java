package dev.parley.contracts;

/**
 * The record breaks the envelope or its type's schema: a header is missing or unreadable, or the body does
 * not bind to the event's record. Retrying cannot help, so it belongs on the dead-letter topic.
 */
public final class MalformedEventException extends EventContractException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
