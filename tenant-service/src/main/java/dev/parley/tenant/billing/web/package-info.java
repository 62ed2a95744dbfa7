/** The billing endpoints: the owner's checkout, portal and invoices, and Stripe's webhook. */
@NullMarked
package dev.parley.tenant.billing.web;

import org.jspecify.annotations.NullMarked;
