/**
 * Real PostgreSQL, Kafka and Redis for tests and the standalone, started once per JVM by {@link
 * dev.parley.infra.EmbeddedInfrastructure#shared()} and reaped even when the JVM is killed.
 */
@NullMarked
package dev.parley.infra;

import org.jspecify.annotations.NullMarked;
