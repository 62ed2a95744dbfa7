@NullMarked
package dev.parley.platform.delivery;

import org.jspecify.annotations.NullMarked;
