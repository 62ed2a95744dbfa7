@NullMarked
package dev.parley.routing;

import org.jspecify.annotations.NullMarked;
