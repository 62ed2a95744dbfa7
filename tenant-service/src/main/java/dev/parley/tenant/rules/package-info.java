/** The tenant's chat rules: a ceiling on each agent's chats, the accept timeout of offers, auto-close. */
@NullMarked
package dev.parley.tenant.rules;

import org.jspecify.annotations.NullMarked;
