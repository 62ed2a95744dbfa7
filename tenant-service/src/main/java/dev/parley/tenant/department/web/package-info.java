/** HTTP adapter of departments. */
@NullMarked
package dev.parley.tenant.department.web;

import org.jspecify.annotations.NullMarked;
