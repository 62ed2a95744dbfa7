package dev.parley.contracts;

import java.util.List;

/**
 * Kafka topic names. The {@code .v1} suffix versions the topic's keying and retention, not the events in
 * it: event types carry their own version (see {@link EventTypes}).
 */
public final class Topics {

    /**
     * Compacted, key = tenant id: the latest {@code tenant.updated.v1} snapshot per tenant is all a
     * reader's cache needs, so a new instance rebuilds its cache by reading from the beginning.
     */
    public static final String TENANT_STATE = "tenant.state.v1";

    /**
     * Key = conversation id, so that one session-service instance handles every command of a conversation
     * in order and can number its messages without a distributed lock.
     */
    public static final String CHAT_COMMANDS = "chat.commands.v1";

    /**
     * Key = tenant id: agents' routing decisions (accept, decline, transfer) reach the one
     * routing-service instance that owns the tenant's queues, in the order they were made.
     */
    public static final String ROUTING_COMMANDS = "routing.commands.v1";

    /**
     * {@code chat.*} events about conversations (requested, assigned, closed), key = conversation id:
     * readers see a conversation's lifecycle in order.
     */
    public static final String CHAT_EVENTS = "chat.events.v1";

    /**
     * {@code chat.message.posted.v1}, key = conversation id: one event per stored message, by far the
     * busiest stream. Kept apart from {@link #CHAT_EVENTS} so that readers of conversations' lifecycle
     * (routing, session) do not fetch and discard every message (docs/adr/0006).
     */
    public static final String CHAT_MESSAGES = "chat.messages.v1";

    /** Key = tenant id, the same partitioning as routing-service's ownership of a tenant's queues. */
    public static final String ROUTING_EVENTS = "routing.events.v1";

    /**
     * Key = tenant id: the instance that owns a tenant's queues also sees its agents' presence, in the
     * order it changed.
     */
    public static final String AGENT_PRESENCE = "agent.presence.v1";

    /**
     * What visitors do while they browse (pages viewed); high volume and only useful while fresh, so it is
     * kept apart from the chat events that analytics keeps for reports. No event type is a contract yet.
     */
    public static final String VISITOR_ACTIVITY = "visitor.activity.v1";

    private static final List<String> ALL = List.of(
            TENANT_STATE,
            CHAT_COMMANDS,
            ROUTING_COMMANDS,
            CHAT_EVENTS,
            CHAT_MESSAGES,
            ROUTING_EVENTS,
            AGENT_PRESENCE,
            VISITOR_ACTIVITY);

    private Topics() {}

    /** Every topic, without the dead-letter topics; for provisioning and for checks. */
    public static List<String> all() {
        return ALL;
    }

    /**
     * The dead-letter topic of {@code topic}: where a consumer parks a record it cannot process (malformed,
     * or failing after retries), so that one poison record does not stall the partition.
     */
    public static String dlt(String topic) {
        return topic + ".DLT";
    }
}
