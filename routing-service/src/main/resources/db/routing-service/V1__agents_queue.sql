-- What routing decides with: agents' capacity and the waiting conversations. Presence itself is
-- ephemeral (Redis, with a TTL); this is the state rebuilt on a partition rebalance.

create table agent (
    tenant_id    uuid    not null,
    id           uuid    not null,
    max_chats    integer not null default 3 check (max_chats > 0),
    active_chats integer not null default 0 check (active_chats >= 0),
    primary key (tenant_id, id),
    -- The invariant routing exists to keep.
    check (active_chats <= max_chats)
);
alter table agent enable row level security;
alter table agent force row level security;
create policy agent_isolation on agent
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table queue_entry (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    department_id   uuid        not null,
    enqueued_at     timestamptz not null default now(),
    priority        integer     not null default 0,
    primary key (tenant_id, conversation_id)
);
-- Queue order within a department: priority first, then who waited longest.
create index queue_entry_order on queue_entry (tenant_id, department_id, priority desc, enqueued_at);
alter table queue_entry enable row level security;
alter table queue_entry force row level security;
create policy queue_entry_isolation on queue_entry
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on agent, queue_entry to ${app_role};
