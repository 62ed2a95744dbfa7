@NullMarked
package dev.parley.analytics;

import org.jspecify.annotations.NullMarked;
