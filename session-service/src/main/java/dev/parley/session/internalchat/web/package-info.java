@NullMarked
package dev.parley.session.internalchat.web;

import org.jspecify.annotations.NullMarked;
