@NullMarked
package dev.parley.widget;

import org.jspecify.annotations.NullMarked;
