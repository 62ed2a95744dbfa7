@NullMarked
package dev.parley.platform.messaging;

import org.jspecify.annotations.NullMarked;
