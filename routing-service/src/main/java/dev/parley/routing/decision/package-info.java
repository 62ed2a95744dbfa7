/** One routing decision: a transaction holding its tenant's lock, the frames it owes after commit, the tenant's configuration. */
@NullMarked
package dev.parley.routing.decision;

import org.jspecify.annotations.NullMarked;
