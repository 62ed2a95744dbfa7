package dev.parley.platform.tenant;

import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The tenant a reactive pipeline acts for. It travels in the Reactor {@link Context}, not in a
 * thread-local, because a pipeline hops threads; whoever authenticates a request or reads an
 * event's tenant header writes it, and everything downstream reads it.
 */
public final class TenantContext {

    private static final Object KEY = TenantContext.class;

    private TenantContext() {}

    /** A context modifier for {@code contextWrite}: the pipeline above it runs for {@code tenantId}. */
    public static Context with(ContextView context, UUID tenantId) {
        return Context.of(context).put(KEY, tenantId);
    }

    /** Shorthand for {@code mono.contextWrite(ctx -> with(ctx, tenantId))}. */
    public static <T> Mono<T> runAs(UUID tenantId, Mono<T> work) {
        return work.contextWrite(ctx -> with(ctx, tenantId));
    }

    /** The current tenant, or a {@link MissingTenantException} when nothing upstream set one. */
    public static Mono<UUID> current() {
        return Mono.deferContextual(ctx ->
                ctx.<UUID>getOrEmpty(KEY).map(Mono::just).orElseGet(() -> Mono.error(new MissingTenantException())));
    }
}
