@NullMarked
package dev.parley.session.invitation;

import org.jspecify.annotations.NullMarked;
