package dev.parley.platform.tenant;

/** Code asked for the tenant where no caller set one: a programming error, never a client's. */
public final class MissingTenantException extends IllegalStateException {

    public MissingTenantException() {
        super("no tenant in the reactive context; wrap the pipeline with TenantContext.runAs");
    }
}
