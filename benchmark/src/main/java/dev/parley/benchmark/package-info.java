/**
 * {@code ./parley bench}: an open-loop end-to-end latency benchmark. The same clients and schedule
 * run first against a bare WebSocket relay (the floor of this machine and client), then against
 * all of Parley started in this process, with visitors on one gateway node and agents on another.
 */
@NullMarked
package dev.parley.benchmark;

import org.jspecify.annotations.NullMarked;
