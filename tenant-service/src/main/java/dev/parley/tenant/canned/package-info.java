/** Canned responses: the tenant's shared texts and each agent's own, found in the console by shortcut. */
@NullMarked
package dev.parley.tenant.canned;

import org.jspecify.annotations.NullMarked;
