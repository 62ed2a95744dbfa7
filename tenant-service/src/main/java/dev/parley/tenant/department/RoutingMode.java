package dev.parley.tenant.department;

/** How a department's chats reach its agents; routing-service carries it out. */
public enum RoutingMode {
    /** Offered to one least-busy eligible agent at a time, re-offered when an offer times out. */
    OFFER,
    /** Every eligible agent sees the request; the first to accept gets it. */
    PICKUP
}
