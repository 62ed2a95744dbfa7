package dev.parley.tenant.canned;

import dev.parley.platform.tenant.TenantTransactions;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.Caller;
import dev.parley.tenant.access.Access;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may see and keep which canned responses. Any console user reads the tenant's shared ones and
 * their own; owners and admins keep the shared ones, each user their own. Another user's own
 * response is as unknown as another tenant's: 404, so that ids tell nobody what colleagues keep.
 * Not part of the tenant snapshot: only the console reads them, from here.
 */
@Component
public class CannedResponseLibrary {

    private final TenantTransactions transactions;
    private final CannedResponses responses;

    CannedResponseLibrary(TenantTransactions transactions, CannedResponses responses) {
        this.transactions = transactions;
        this.responses = responses;
    }

    public Mono<List<CannedResponse>> visibleTo(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> responses
                .visibleTo(caller.tenantId(), caller.principalId())
                .collectList());
    }

    /** A shared one (owners and admins only, 403 otherwise) or the caller's own. */
    public Mono<CannedResponse> add(Caller caller, CannedResponseInput input, boolean shared) {
        if (shared && !Access.managesSettings(caller)) {
            return Mono.error(ApiException.forbidden("Only an owner or admin may share a canned response"));
        }
        return transactions.inTenant(
                caller.tenantId(),
                () -> responses.insert(
                        caller.tenantId(), UUID.randomUUID(), shared ? null : caller.principalId(), input));
    }

    public Mono<CannedResponse> change(Caller caller, UUID id, CannedResponseInput input) {
        return transactions.inTenant(
                caller.tenantId(), () -> kept(caller, id).then(responses.update(caller.tenantId(), id, input)));
    }

    public Mono<Void> remove(Caller caller, UUID id) {
        return transactions.inTenant(
                caller.tenantId(), () -> kept(caller, id).then(responses.delete(caller.tenantId(), id)));
    }

    /** The response if the caller may change it: 404 when it is not theirs to see, 403 when shared and they are no admin. */
    private Mono<CannedResponses.Stored> kept(Caller caller, UUID id) {
        return responses
                .find(caller.tenantId(), id)
                .filter(found -> found.ownerId() == null || found.ownerId().equals(caller.principalId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not_found", "No such canned response")))
                .flatMap(found -> found.ownerId() == null && !Access.managesSettings(caller)
                        ? Mono.error(ApiException.forbidden("Only an owner or admin may change a shared response"))
                        : Mono.just(found));
    }
}
