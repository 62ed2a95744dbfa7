package dev.parley.platform.delivery;

import java.util.UUID;

/**
 * Names of the Redis pub/sub channels that carry deliveries to whichever gateway node holds a
 * socket. The tenant is part of every name, so no channel is ever shared between tenants.
 */
public final class DeliveryChannels {

    private DeliveryChannels() {}

    /** Everything said in one conversation: messages, typing, state changes. */
    public static String conversation(UUID tenantId, UUID conversationId) {
        return "conv:" + tenantId + ":" + conversationId;
    }

    /**
     * What only agents may see of a conversation: whispers and private notes. A visitor's socket
     * is never subscribed to it, so no filter anywhere can leak one.
     */
    public static String conversationAgents(UUID tenantId, UUID conversationId) {
        return conversation(tenantId, conversationId) + ":agents";
    }

    /** What one agent must see wherever they are connected: offers, assignments, presence. */
    public static String agent(UUID tenantId, UUID agentId) {
        return "agent:" + tenantId + ":" + agentId;
    }

    /** What one visitor must see on every socket: refusals of what they sent. */
    public static String visitor(UUID tenantId, UUID visitorId) {
        return "visitor:" + tenantId + ":" + visitorId;
    }

    /** A department's queue as agents and waiting visitors see it. */
    public static String queue(UUID tenantId, UUID departmentId) {
        return "queue:" + tenantId + ":" + departmentId;
    }
}
