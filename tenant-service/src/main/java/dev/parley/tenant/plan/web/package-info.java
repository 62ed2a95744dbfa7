/** {@code /api/tenant/plans} (public: the pricing page) and {@code /api/tenant/account}. */
@NullMarked
package dev.parley.tenant.plan.web;

import org.jspecify.annotations.NullMarked;
