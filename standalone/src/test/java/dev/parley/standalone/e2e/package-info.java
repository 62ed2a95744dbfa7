/** End-to-end tests: all of Parley on real infrastructure, two gateway nodes, real sockets. */
@NullMarked
package dev.parley.standalone.e2e;

import org.jspecify.annotations.NullMarked;
