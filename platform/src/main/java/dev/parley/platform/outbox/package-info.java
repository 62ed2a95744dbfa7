@NullMarked
package dev.parley.platform.outbox;

import org.jspecify.annotations.NullMarked;
