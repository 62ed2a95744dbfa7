@NullMarked
package dev.parley.gateway.config;

import org.jspecify.annotations.NullMarked;
