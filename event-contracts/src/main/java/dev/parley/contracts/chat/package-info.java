/** Events of conversations and their messages, published by session-service on {@code chat.events.v1}. */
@NullMarked
package dev.parley.contracts.chat;

import org.jspecify.annotations.NullMarked;
