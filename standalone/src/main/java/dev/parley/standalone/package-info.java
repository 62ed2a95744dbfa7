/** All of Parley in one JVM: embedded infrastructure, every service, the widget. */
@NullMarked
package dev.parley.standalone;

import org.jspecify.annotations.NullMarked;
