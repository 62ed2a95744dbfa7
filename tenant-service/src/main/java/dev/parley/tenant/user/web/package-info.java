/** HTTP adapter of users. */
@NullMarked
package dev.parley.tenant.user.web;

import org.jspecify.annotations.NullMarked;
