package dev.parley.routing.assignment;

import dev.parley.routing.decision.Decisions;
import dev.parley.routing.offer.OfferProperties;
import dev.parley.routing.offer.Offers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Expires offers nobody accepted in time and offers those chats on. Runs in every instance: a
 * tenant's expiry is a decision like any other, so two instances sweeping the same tenant take
 * turns on its lock and the second finds nothing left to expire. No instance is special, and
 * none has to be alive for offers to expire.
 */
@Component
final class OfferSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OfferSweeper.class);

    private final Offers offers;
    private final Decisions decisions;
    private final Router router;
    private final OfferProperties properties;
    private volatile @Nullable Disposable sweeping;

    OfferSweeper(Offers offers, Decisions decisions, Router router, OfferProperties properties) {
        this.offers = offers;
        this.decisions = decisions;
        this.router = router;
        this.properties = properties;
    }

    @Override
    public void start() {
        sweeping = Flux.interval(properties.sweepInterval())
                // A sweep that takes longer than the interval skips ticks instead of queueing them.
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1)
                .subscribe();
    }

    /** One pass: every tenant with an offer due, one decision each. */
    Mono<Void> sweep() {
        return offers.dueTenants(properties.sweepBatch())
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(tenantId -> decisions
                        .run(tenantId, "offer-expiry", router::expireOffers)
                        .onErrorResume(failure -> {
                            // The tenant stays due: the next sweep tries again.
                            log.warn("Expiring the offers of tenant {} failed: {}", tenantId, failure.toString());
                            return Mono.empty();
                        }))
                .then()
                .onErrorResume(failure -> {
                    log.warn("Offer sweep failed, will retry: {}", failure.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        Disposable running = sweeping;
        if (running != null) {
            running.dispose();
            sweeping = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sweeping != null;
    }
}
