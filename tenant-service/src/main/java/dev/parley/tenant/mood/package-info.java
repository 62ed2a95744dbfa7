/** The tenant's own key terms for chat mood: replaced as a whole list, published in the tenant snapshot. */
@NullMarked
package dev.parley.tenant.mood;

import org.jspecify.annotations.NullMarked;
