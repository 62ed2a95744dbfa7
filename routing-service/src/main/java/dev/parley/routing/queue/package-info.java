/** Department queues: entries, positions, wait estimates and the snapshots agents and visitors see. */
@NullMarked
package dev.parley.routing.queue;

import org.jspecify.annotations.NullMarked;
