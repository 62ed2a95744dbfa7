/** Login and access tokens: RS256 JWTs and the JWK set that verifies them. */
@NullMarked
package dev.parley.tenant.auth;

import org.jspecify.annotations.NullMarked;
