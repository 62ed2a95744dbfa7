/** Agent presence events from the gateway. */
@NullMarked
package dev.parley.routing.presence.messaging;

import org.jspecify.annotations.NullMarked;
