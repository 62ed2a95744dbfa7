@NullMarked
package dev.parley.gateway.socket;

import org.jspecify.annotations.NullMarked;
