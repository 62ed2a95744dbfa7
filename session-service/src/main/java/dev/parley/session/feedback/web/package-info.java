@NullMarked
package dev.parley.session.feedback.web;

import org.jspecify.annotations.NullMarked;
