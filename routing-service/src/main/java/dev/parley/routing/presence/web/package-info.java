/** HTTP view of presence: whether a site's widget can offer a chat now. */
@NullMarked
package dev.parley.routing.presence.web;

import org.jspecify.annotations.NullMarked;
