package dev.parley.tenant.plan;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Ends trials that ran out, every {@code parley.plans.trial-sweep-interval} (a minute). Every
 * instance sweeps; two finding the same tenant is harmless, since the change is conditional on
 * the tenant still being on its trial and only the one that made it publishes.
 */
@Component
class TrialSweep implements SmartLifecycle {

    private final Accounts accounts;
    private final Duration interval;
    private volatile @Nullable Disposable running;

    TrialSweep(Accounts accounts, @Value("${parley.plans.trial-sweep-interval:1m}") Duration interval) {
        this.accounts = accounts;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = Flux.interval(interval, interval, Schedulers.parallel())
                // A sweep still running when the next is due: skip the tick rather than pile up.
                .onBackpressureDrop()
                .concatMap(tick -> accounts.expireTrials().onErrorComplete(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable sweep = running;
        if (sweep != null) {
            sweep.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
