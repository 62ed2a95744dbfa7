/** Which agents are online: connections with their last heartbeat. */
@NullMarked
package dev.parley.routing.presence;

import org.jspecify.annotations.NullMarked;
