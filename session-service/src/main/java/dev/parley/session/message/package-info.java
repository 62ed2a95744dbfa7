@NullMarked
package dev.parley.session.message;

import org.jspecify.annotations.NullMarked;
