-- Visitors and what a conversation needs to run: who the agent is, what the visitor answered.

create table visitor (
    tenant_id  uuid        not null,
    id         uuid        not null,
    site_id    uuid        not null,
    -- SHA-256 of the visitor token: a stolen table does not yield usable tokens.
    token_hash bytea       not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
-- Tokens are looked up before any tenant is known (the gateway authenticating a socket).
create unique index visitor_token_hash on visitor (token_hash);
alter table visitor enable row level security;
alter table visitor force row level security;
create policy visitor_isolation on visitor
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- The one cross-tenant read the gateway needs, behind a function that answers only for the
-- exact token hash given: RLS stays forced on the table for everything else. SECURITY DEFINER
-- runs it as the schema owner; search_path is pinned so a caller cannot redirect it.
create function visitor_by_token(p_token_hash bytea)
    returns table (tenant_id uuid, visitor_id uuid, site_id uuid)
    language sql stable security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select v.tenant_id, v.id, v.site_id from visitor v where v.token_hash = p_token_hash
$$;
revoke all on function visitor_by_token(bytea) from public;
grant execute on function visitor_by_token(bytea) to ${app_role};

alter table conversation
    add column agent_id         uuid,
    add column visitor_name     text,
    add column answers          jsonb       not null default '{}',
    add column page_url         text,
    add column last_activity_at timestamptz not null default now(),
    add column closed_by        text,
    add column close_reason     text,
    add foreign key (tenant_id, visitor_id) references visitor (tenant_id, id);
-- At most one open conversation per visitor: a second request returns the first.
create unique index conversation_one_open_per_visitor on conversation (tenant_id, visitor_id)
    where state <> 'CLOSED';
-- The inactivity sweep looks only at assigned and active chats, oldest activity first.
create index conversation_inactive on conversation (last_activity_at)
    where state in ('ASSIGNED', 'ACTIVE');

-- The inactivity sweep runs across tenants; like visitor_by_token it returns only ids, and the
-- close itself happens in a transaction of each conversation's tenant.
create function inactive_conversations(p_before timestamptz, p_limit int)
    returns table (tenant_id uuid, conversation_id uuid)
    language sql stable security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select c.tenant_id, c.id from conversation c
    where c.state in ('ASSIGNED', 'ACTIVE') and c.last_activity_at < p_before
    order by c.last_activity_at
    limit p_limit
$$;
revoke all on function inactive_conversations(timestamptz, int) from public;
grant execute on function inactive_conversations(timestamptz, int) to ${app_role};

grant select, insert, update, delete on visitor to ${app_role};
