@NullMarked
package dev.parley.session.visitor.web;

import org.jspecify.annotations.NullMarked;
