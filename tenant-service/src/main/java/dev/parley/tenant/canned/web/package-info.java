/** HTTP adapter of canned responses. */
@NullMarked
package dev.parley.tenant.canned.web;

import org.jspecify.annotations.NullMarked;
