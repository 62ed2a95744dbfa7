@NullMarked
package dev.parley.platform.testapp;

import org.jspecify.annotations.NullMarked;
