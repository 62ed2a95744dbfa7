@NullMarked
package dev.parley.session.participant.web;

import org.jspecify.annotations.NullMarked;
