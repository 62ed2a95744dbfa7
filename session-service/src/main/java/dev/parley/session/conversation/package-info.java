@NullMarked
package dev.parley.session.conversation;

import org.jspecify.annotations.NullMarked;
