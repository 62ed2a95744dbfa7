@NullMarked
package dev.parley.session.message.web;

import org.jspecify.annotations.NullMarked;
