@NullMarked
package dev.parley.gateway.auth;

import org.jspecify.annotations.NullMarked;
