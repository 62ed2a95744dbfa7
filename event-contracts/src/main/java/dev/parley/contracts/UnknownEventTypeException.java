package dev.parley.contracts;

/**
 * The record's {@code ce_type} is not in {@link EventTypes}. Usually a newer producer publishing a type
 * this reader was built without (a new event, or a {@code .v2} side by side with its {@code .v1}): a
 * reader that is not interested in it may skip it rather than dead-letter it.
 */
public final class UnknownEventTypeException extends EventContractException {

    private final String typeName;

    public UnknownEventTypeException(String typeName) {
        super("Unknown event type '" + typeName + "': not in " + EventTypes.class.getName());
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }
}
