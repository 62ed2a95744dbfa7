package dev.parley.gateway.socket;

import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.messaging.CommandSender;
import tools.jackson.databind.json.JsonMapper;

/** What every connection uses, shared by all of a node's sockets. */
record SocketServices(
        DeliverySubscriber subscriber,
        DeliveryPublisher publisher,
        CommandSender commands,
        SessionClient session,
        RoutingClient routing,
        ServerFrames frames,
        JsonMapper json,
        SocketProperties limits) {}
