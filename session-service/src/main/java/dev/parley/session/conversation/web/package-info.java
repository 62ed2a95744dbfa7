@NullMarked
package dev.parley.session.conversation.web;

import org.jspecify.annotations.NullMarked;
