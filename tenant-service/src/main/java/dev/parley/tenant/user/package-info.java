/** Console users (owners, admins, supervisors, agents), their roles, departments and passwords. */
@NullMarked
package dev.parley.tenant.user;

import org.jspecify.annotations.NullMarked;
