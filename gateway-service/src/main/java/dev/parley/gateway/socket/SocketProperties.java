package dev.parley.gateway.socket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the visitor and agent sockets (docs/protocol.md states them to clients).
 *
 * @param maxFrameBytes a larger frame closes the socket with 1009
 * @param framesPerSecond sustained inbound frame rate per socket
 * @param burst frames a socket may send at once above the rate
 * @param presenceHeartbeat how often an online agent's connection is re-announced to routing
 */
@ConfigurationProperties("parley.socket")
public record SocketProperties(
        @DefaultValue("16384") int maxFrameBytes,
        @DefaultValue("20") int framesPerSecond,
        @DefaultValue("40") int burst,
        @DefaultValue("10s") Duration presenceHeartbeat) {}
