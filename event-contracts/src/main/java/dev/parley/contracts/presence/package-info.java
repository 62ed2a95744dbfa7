/** Agent presence published by routing-service on {@code agent.presence.v1}. */
@NullMarked
package dev.parley.contracts.presence;

import org.jspecify.annotations.NullMarked;
