/** HTTP adapter of the chat rules. */
@NullMarked
package dev.parley.tenant.rules.web;

import org.jspecify.annotations.NullMarked;
