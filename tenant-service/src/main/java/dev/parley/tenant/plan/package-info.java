/** Plans (seats and features), the tenant's standing on one (trial, active, expired), and the trial's end. */
@NullMarked
package dev.parley.tenant.plan;

import org.jspecify.annotations.NullMarked;
