@NullMarked
package dev.parley.session.message.messaging;

import org.jspecify.annotations.NullMarked;
