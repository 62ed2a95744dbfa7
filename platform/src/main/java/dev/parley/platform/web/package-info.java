@NullMarked
package dev.parley.platform.web;

import org.jspecify.annotations.NullMarked;
