/** HTTP adapter of sign-up. */
@NullMarked
package dev.parley.tenant.signup.web;

import org.jspecify.annotations.NullMarked;
