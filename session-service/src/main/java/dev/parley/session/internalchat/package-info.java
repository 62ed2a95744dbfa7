/** Agent-to-agent chats in the console, direct (two agents) or per team (a department): conversations without a visitor. */
@NullMarked
package dev.parley.session.internalchat;

import org.jspecify.annotations.NullMarked;
