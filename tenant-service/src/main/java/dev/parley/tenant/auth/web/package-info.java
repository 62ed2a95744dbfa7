/** HTTP adapter of login and the JWK set. */
@NullMarked
package dev.parley.tenant.auth.web;

import org.jspecify.annotations.NullMarked;
