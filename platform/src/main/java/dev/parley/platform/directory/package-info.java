@NullMarked
package dev.parley.platform.directory;

import org.jspecify.annotations.NullMarked;
