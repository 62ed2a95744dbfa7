/** The tenant a request or event acts for, carried in the Reactor Context and set in Postgres for row-level security. */
@NullMarked
package dev.parley.platform.tenant;

import org.jspecify.annotations.NullMarked;
