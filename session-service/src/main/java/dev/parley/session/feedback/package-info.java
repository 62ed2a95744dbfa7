@NullMarked
package dev.parley.session.feedback;

import org.jspecify.annotations.NullMarked;
