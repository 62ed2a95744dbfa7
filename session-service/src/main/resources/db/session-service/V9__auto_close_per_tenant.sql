-- Auto-close per tenant: each tenant may choose its own inactivity timeout (tenant-service's chat
-- rules, learnt from the tenant snapshot). The sweep passes the tenants that chose one, with their
-- timeouts in seconds, beside the configured default; the rest use the default. Still ids only,
-- as in V2 and V7; each close happens in a transaction of its conversation's tenant.
drop function inactive_conversations(timestamptz, int);

create function inactive_conversations(
        p_now timestamptz, p_default_seconds int, p_tenants uuid[], p_seconds int[], p_limit int)
    returns table (tenant_id uuid, conversation_id uuid)
    language sql stable security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select c.tenant_id, c.id from conversation c
    left join unnest(p_tenants, p_seconds) as own (tenant_id, seconds) on own.tenant_id = c.tenant_id
    where c.state in ('ASSIGNED', 'ACTIVE') and c.kind = 'VISITOR'
      -- The shortest timeout of all (least ignores the null of no overrides) bounds the scan on
      -- the partial index conversation_inactive; the second condition is each row's own.
      and c.last_activity_at < p_now - make_interval(secs => least(p_default_seconds, (select min(s) from unnest(p_seconds) s)))
      and c.last_activity_at < p_now - make_interval(secs => coalesce(own.seconds, p_default_seconds))
    order by c.last_activity_at
    limit p_limit
$$;
revoke all on function inactive_conversations(timestamptz, int, uuid[], int[], int) from public;
grant execute on function inactive_conversations(timestamptz, int, uuid[], int[], int) to ${app_role};
