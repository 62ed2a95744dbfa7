@NullMarked
package dev.parley.platform.boot;

import org.jspecify.annotations.NullMarked;
