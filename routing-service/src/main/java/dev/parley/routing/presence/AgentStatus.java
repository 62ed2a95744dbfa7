package dev.parley.routing.presence;

/** An agent's availability: the best of their live connections. */
public enum AgentStatus {
    /** Takes new chats. */
    ONLINE,
    /** Connected, keeps their chats, takes no new ones. */
    AWAY,
    /** No connection heard from recently. */
    OFFLINE
}
