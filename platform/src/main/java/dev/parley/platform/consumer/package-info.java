@NullMarked
package dev.parley.platform.consumer;

import org.jspecify.annotations.NullMarked;
