/** Each site's widget configuration: look, pre-chat survey, invitations, opening hours, offline message. */
@NullMarked
package dev.parley.tenant.widget;

import org.jspecify.annotations.NullMarked;
