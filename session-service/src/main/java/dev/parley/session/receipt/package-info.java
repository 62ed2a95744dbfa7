@NullMarked
package dev.parley.session.receipt;

import org.jspecify.annotations.NullMarked;
