@NullMarked
package dev.parley.infra;

import org.jspecify.annotations.NullMarked;
