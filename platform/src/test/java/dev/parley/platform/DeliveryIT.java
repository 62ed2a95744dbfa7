package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.EmbeddedInfrastructure;
import dev.parley.platform.boot.ParleyApplication;
import dev.parley.platform.delivery.DeliveryChannels;
import dev.parley.platform.delivery.DeliveryPublisher;
import dev.parley.platform.delivery.DeliverySubscriber;
import dev.parley.platform.testapp.PlatformTestApplication;
import java.time.Duration;
import java.util.HashMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.test.StepVerifier;

/** A delivery published by one application context reaches a subscriber in another, as between two nodes. */
class DeliveryIT {

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = start();
        nodeB = start();
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aPublishOnOneNodeReachesTheSubscriberOnTheOther() {
        String channel = DeliveryChannels.conversation(UUID.randomUUID(), UUID.randomUUID());
        DeliverySubscriber subscriber = nodeB.getBean(DeliverySubscriber.class);
        DeliveryPublisher publisher = nodeA.getBean(DeliveryPublisher.class);

        var subscription = subscriber.subscribe(channel).block(Duration.ofSeconds(5));

        StepVerifier.create(subscription.messages())
                .then(() -> publisher.publish(channel, "first").block())
                .then(() -> publisher.publish(channel, "second").block())
                .expectNext("first", "second")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void onlyTheChannelsSubscribedToArriveAndALastCancelReleasesTheRedisSubscription() {
        UUID tenant = UUID.randomUUID();
        String mine = DeliveryChannels.conversation(tenant, UUID.randomUUID());
        String other = DeliveryChannels.conversation(tenant, UUID.randomUUID());
        DeliverySubscriber subscriber = nodeB.getBean(DeliverySubscriber.class);
        DeliveryPublisher publisher = nodeA.getBean(DeliveryPublisher.class);
        int before = subscriber.channelCount();

        var subscription = subscriber.subscribe(mine).block(Duration.ofSeconds(5));
        assertThat(subscriber.channelCount()).isEqualTo(before + 1);

        StepVerifier.create(subscription.messages())
                .then(() -> publisher.publish(other, "not for me").block())
                .then(() -> publisher.publish(mine, "for me").block())
                .expectNext("for me")
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(subscriber.channelCount()).isEqualTo(before);
        // Redis counts subscribers per channel: after the release, nobody listens to it.
        assertThat(publisher.publish(mine, "into the void").block()).isZero();
    }

    private static ConfigurableApplicationContext start() {
        var properties =
                new HashMap<String, Object>(EmbeddedInfrastructure.shared().springProperties());
        properties.put("spring.config.name", ParleyApplication.configName("platform-test"));
        properties.put("spring.application.name", "platform-test");
        return ParleyApplication.builder(PlatformTestApplication.class, "platform-test")
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }
}
