/**
 * Paying for a plan through Stripe: Checkout for the first subscription, the customer portal for
 * cards, plan changes and cancelling, and the signed webhooks whose events move the tenant's
 * subscription and standing. Only stripe-java talks to Stripe (or to its local stand-in).
 */
@NullMarked
package dev.parley.tenant.billing;

import org.jspecify.annotations.NullMarked;
