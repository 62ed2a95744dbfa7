@NullMarked
package dev.parley.session.offline.web;

import org.jspecify.annotations.NullMarked;
