@NullMarked
package dev.parley.session.visitor;

import org.jspecify.annotations.NullMarked;
