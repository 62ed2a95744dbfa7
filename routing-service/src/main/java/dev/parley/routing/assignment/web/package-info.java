/** HTTP adapter of assignment: the agents and their load, for supervisors. */
@NullMarked
package dev.parley.routing.assignment.web;

import org.jspecify.annotations.NullMarked;
