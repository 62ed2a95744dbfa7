/** A business signs up: its tenant, owner, first site and first department in one step. */
@NullMarked
package dev.parley.tenant.signup;

import org.jspecify.annotations.NullMarked;
