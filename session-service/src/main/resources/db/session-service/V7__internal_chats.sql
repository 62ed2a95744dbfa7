-- Internal chats: agents talking to each other in the console, through the same message log as
-- visitors' chats (seq, client ids, outbox, deliveries). Each is a conversation row of its own
-- kind with no visitor and no site. Stands on V1–V5 alone.
--   DIRECT: two agents of the tenant, kept as the ordered pair (direct_agent_a < direct_agent_b)
--           so that the pair has one chat whichever of the two asks for it.
--   TEAM:   one per department (department_id); its members are the department's agents and the
--           supervisors as the tenant's snapshot says at each access, so nothing is stored for them.
alter table conversation
    add column kind           text not null default 'VISITOR' check (kind in ('VISITOR', 'DIRECT', 'TEAM')),
    add column direct_agent_a uuid,
    add column direct_agent_b uuid,
    alter column visitor_id drop not null,
    alter column site_id drop not null,
    add constraint conversation_kind_shape check (
        (kind = 'VISITOR' and visitor_id is not null and site_id is not null)
        or (kind = 'DIRECT' and visitor_id is null and direct_agent_a < direct_agent_b)
        or (kind = 'TEAM' and visitor_id is null and department_id is not null));

-- One direct chat per pair, one team chat per department: a second create finds the first.
create unique index conversation_direct_pair on conversation (tenant_id, direct_agent_a, direct_agent_b)
    where kind = 'DIRECT';
create unique index conversation_team on conversation (tenant_id, department_id) where kind = 'TEAM';
-- An agent's direct chats, from either side of the pair (the console's list).
create index conversation_direct_b on conversation (tenant_id, direct_agent_b) where kind = 'DIRECT';

-- The inactivity sweep closes visitors' chats only: an internal chat stays open however quiet
-- (its state is ACTIVE for good), so it is neither in the sweep's index nor in its function.
drop index conversation_inactive;
create index conversation_inactive on conversation (last_activity_at)
    where state in ('ASSIGNED', 'ACTIVE') and kind = 'VISITOR';
create or replace function inactive_conversations(p_before timestamptz, p_limit int)
    returns table (tenant_id uuid, conversation_id uuid)
    language sql stable security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select c.tenant_id, c.id from conversation c
    where c.state in ('ASSIGNED', 'ACTIVE') and c.kind = 'VISITOR' and c.last_activity_at < p_before
    order by c.last_activity_at
    limit p_limit
$$;
