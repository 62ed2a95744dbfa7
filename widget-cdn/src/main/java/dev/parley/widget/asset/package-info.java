@NullMarked
package dev.parley.widget.asset;

import org.jspecify.annotations.NullMarked;
