@NullMarked
package dev.parley.session.conversation.messaging;

import org.jspecify.annotations.NullMarked;
