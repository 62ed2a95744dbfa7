/** Offers of a waiting conversation to one agent, with an accept deadline. */
@NullMarked
package dev.parley.routing.offer;

import org.jspecify.annotations.NullMarked;
