/** Test support every service reuses from the platform's test jar. */
@NullMarked
package dev.parley.platform.testing;

import org.jspecify.annotations.NullMarked;
