@NullMarked
package dev.parley.session.offline;

import org.jspecify.annotations.NullMarked;
