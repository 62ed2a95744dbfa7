@NullMarked
package dev.parley.tenant;

import org.jspecify.annotations.NullMarked;
