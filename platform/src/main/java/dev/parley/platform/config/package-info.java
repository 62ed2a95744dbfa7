@NullMarked
package dev.parley.platform.config;

import org.jspecify.annotations.NullMarked;
