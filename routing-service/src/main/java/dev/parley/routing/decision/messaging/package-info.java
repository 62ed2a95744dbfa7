/** Reads Kafka records in order per partition and applies each event once, as one decision. */
@NullMarked
package dev.parley.routing.decision.messaging;

import org.jspecify.annotations.NullMarked;
