/** HTTP adapter of sites. */
@NullMarked
package dev.parley.tenant.site.web;

import org.jspecify.annotations.NullMarked;
