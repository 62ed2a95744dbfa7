/** Tenant state published by tenant-service on the compacted {@code tenant.state.v1}. */
@NullMarked
package dev.parley.contracts.tenant;

import org.jspecify.annotations.NullMarked;
