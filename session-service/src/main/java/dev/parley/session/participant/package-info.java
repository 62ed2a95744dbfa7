/** More agents in a visitor's chat: a second agent invited by the assigned one or a supervisor, and supervisors joining. */
@NullMarked
package dev.parley.session.participant;

import org.jspecify.annotations.NullMarked;
