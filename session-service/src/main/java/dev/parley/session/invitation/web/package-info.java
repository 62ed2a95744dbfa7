@NullMarked
package dev.parley.session.invitation.web;

import org.jspecify.annotations.NullMarked;
