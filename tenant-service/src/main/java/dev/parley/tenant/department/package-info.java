/** Departments: the queues chats wait in, and how their chats reach agents. */
@NullMarked
package dev.parley.tenant.department;

import org.jspecify.annotations.NullMarked;
