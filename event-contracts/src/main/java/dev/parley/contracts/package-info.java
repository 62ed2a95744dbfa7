/**
 * Integration events between Parley services: topic names, the CloudEvents envelope, the registry of
 * event types and the JSON codec. Plain Java and Jackson only, so that every service, test and tool can
 * depend on it without pulling in a framework.
 */
@NullMarked
package dev.parley.contracts;

import org.jspecify.annotations.NullMarked;
