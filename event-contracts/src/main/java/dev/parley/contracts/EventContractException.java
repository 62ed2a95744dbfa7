package dev.parley.contracts;

/**
 * A Kafka record that cannot be read as one of Parley's events. Unchecked: a consumer has nothing to
 * recover locally and hands the record to its error handler (dead-letter topic, or skip).
 */
public sealed class EventContractException extends RuntimeException
        permits UnknownEventTypeException, MalformedEventException {

    EventContractException(String message) {
        super(message);
    }

    EventContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
