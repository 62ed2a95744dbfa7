/**
 * Events of queues, offers and assignment decisions published by routing-service on {@code
 * routing.events.v1}. None is a contract yet: the package exists so that the first one has its place.
 */
@NullMarked
package dev.parley.contracts.routing;

import org.jspecify.annotations.NullMarked;
