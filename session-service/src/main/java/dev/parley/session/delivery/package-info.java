@NullMarked
package dev.parley.session.delivery;

import org.jspecify.annotations.NullMarked;
