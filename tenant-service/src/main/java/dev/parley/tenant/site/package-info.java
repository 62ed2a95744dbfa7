/** Websites that embed the widget: their public keys and the origins widget sockets may come from. */
@NullMarked
package dev.parley.tenant.site;

import org.jspecify.annotations.NullMarked;
