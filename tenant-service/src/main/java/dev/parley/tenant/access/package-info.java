/** Who may do what: the console callers the gateway vouches for, and which of them administer. */
@NullMarked
package dev.parley.tenant.access;

import org.jspecify.annotations.NullMarked;
