/** HTTP views of the queues for agents and of a visitor's place in one. */
@NullMarked
package dev.parley.routing.queue.web;

import org.jspecify.annotations.NullMarked;
