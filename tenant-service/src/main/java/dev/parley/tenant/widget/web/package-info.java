/** HTTP adapter of the widget configuration: public by site key, administered per site. */
@NullMarked
package dev.parley.tenant.widget.web;

import org.jspecify.annotations.NullMarked;
