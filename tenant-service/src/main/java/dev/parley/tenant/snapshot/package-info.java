/** The tenant's state as other services cache it: a {@code TenantUpdated} on {@code tenant.state.v1} after every change. */
@NullMarked
package dev.parley.tenant.snapshot;

import org.jspecify.annotations.NullMarked;
