package dev.parley.gateway.socket;

import dev.parley.gateway.auth.ActiveUsers;
import dev.parley.gateway.auth.Authenticator;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.directory.TenantDirectory;
import dev.parley.platform.messaging.CommandSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SocketConfiguration {

    @Bean
    SocketHandler socketHandler(
            DeliverySubscriber subscriber,
            DeliveryPublisher publisher,
            CommandSender commands,
            SessionClient session,
            RoutingClient routing,
            ServerFrames frames,
            JsonMapper json,
            SocketProperties properties,
            MeterRegistry meters,
            TenantDirectory directory) {
        return new SocketHandler(
                new SocketServices(subscriber, publisher, commands, session, routing, frames, json, properties),
                meters,
                directory);
    }

    /**
     * Frames above the limit are refused by Netty itself with close code 1009 before any of our
     * code reads them.
     */
    @Bean
    WebSocketService socketUpgrades(SocketProperties properties) {
        return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                WebsocketServerSpec.builder().maxFramePayloadLength(properties.maxFrameBytes())));
    }

    /** Ahead of the gateway's routes: these two paths are the sockets, everything else is routed. */
    @Bean
    SimpleUrlHandlerMapping socketMapping(
            Authenticator authenticator,
            ActiveUsers activeUsers,
            TenantDirectory directory,
            WebSocketService socketUpgrades,
            SocketHandler handler) {
        var endpoints = new SocketAuthentication(authenticator, activeUsers, directory, socketUpgrades, handler);
        return new SimpleUrlHandlerMapping(
                Map.of("/ws/visitor", endpoints, "/ws/agent", endpoints), Ordered.HIGHEST_PRECEDENCE);
    }
}
