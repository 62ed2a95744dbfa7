/** Decides who gets which conversation: offers, pick-ups, transfers, capacity. */
@NullMarked
package dev.parley.routing.assignment;

import org.jspecify.annotations.NullMarked;
