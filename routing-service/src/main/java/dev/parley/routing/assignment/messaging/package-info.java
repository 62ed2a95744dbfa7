/** Chat events and agents' routing commands in, routing decisions out. */
@NullMarked
package dev.parley.routing.assignment.messaging;

import org.jspecify.annotations.NullMarked;
