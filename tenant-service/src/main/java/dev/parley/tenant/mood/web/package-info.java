/** HTTP adapter of the mood terms: console users read them, owners and admins replace them. */
@NullMarked
package dev.parley.tenant.mood.web;

import org.jspecify.annotations.NullMarked;
