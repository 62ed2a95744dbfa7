/**
 * Chat mood: every visitor message scored from key terms (a default English lexicon plus the
 * tenant's own), a running mood per conversation, and the frames that show it to agents and alert
 * supervisors. A visitor never sees any of it.
 */
@NullMarked
package dev.parley.session.mood;

import org.jspecify.annotations.NullMarked;
