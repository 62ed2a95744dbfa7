-- Everything a routing decision reads and writes. Every decision is one transaction that first
-- takes a transaction-scoped advisory lock on its tenant, so these tables change for one tenant
-- one decision at a time, whichever instance makes it. Presence lives here too (not only in a
-- Redis TTL key): a decision must see capacity, offers and who is online in one snapshot.

-- Round-robin among equally busy agents: the one who waited longest since an assignment.
alter table agent add column last_assigned_at timestamptz;

-- One row per live socket of an agent; an agent's status is the best of its connections heard
-- from recently. OFFLINE is not stored: the connection's row is deleted.
create table agent_connection (
    tenant_id     uuid        not null,
    agent_id      uuid        not null,
    connection_id text        not null,
    status        text        not null check (status in ('ONLINE', 'AWAY')),
    last_seen     timestamptz not null,
    primary key (tenant_id, agent_id, connection_id)
);
-- The freshness filter and the prune of silent connections read by tenant and age.
create index agent_connection_last_seen on agent_connection (tenant_id, last_seen);
alter table agent_connection enable row level security;
alter table agent_connection force row level security;
create policy agent_connection_isolation on agent_connection
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- What agents see of a waiting visitor, and what routing remembers about the wait. V1 wrote no
-- rows, so the new not-null column needs no default.
alter table queue_entry
    add column visitor_id        uuid    not null,
    add column visitor_name      text    not null,
    -- Pairs [field, answer] in the survey's order: a jsonb object would reorder its keys.
    add column answers           jsonb   not null default '[]',
    add column page_url          text,
    -- Agents who declined the offer or let it expire: not offered this conversation again.
    add column declined_by       uuid[]  not null default '{}',
    -- Set when a transfer to a department queued it: the next assignment names the previous owner.
    add column previous_agent_id uuid,
    -- The position the visitor was last told, so that they hear of every change and only of changes.
    add column notified_position integer;

-- The one live offer of a waiting conversation (OFFER mode). Pending offers count against the
-- agent's capacity, so one agent is never offered more than they may take.
create table offer (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    agent_id        uuid        not null,
    department_id   uuid        not null,
    offered_at      timestamptz not null,
    expires_at      timestamptz not null,
    primary key (tenant_id, conversation_id),
    -- An offer exists only for a waiting conversation.
    foreign key (tenant_id, conversation_id) references queue_entry on delete cascade
);
-- Load per agent (pending offers) and the expiry sweep.
create index offer_agent on offer (tenant_id, agent_id);
create index offer_expires_at on offer (tenant_id, expires_at);
alter table offer enable row level security;
alter table offer force row level security;
create policy offer_isolation on offer
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- Who owns each answered conversation. The key is the second wall against a double assignment
-- (the first: the tenant lock); the visitor's details stay for a transfer back into a queue.
create table assignment (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    agent_id        uuid        not null,
    department_id   uuid        not null,
    visitor_id      uuid        not null,
    visitor_name    text        not null,
    answers         jsonb       not null,
    page_url        text,
    assigned_at     timestamptz not null,
    primary key (tenant_id, conversation_id)
);
-- The chats an agent holds (release on close, counts in checks).
create index assignment_agent on assignment (tenant_id, agent_id);
alter table assignment enable row level security;
alter table assignment force row level security;
create policy assignment_isolation on assignment
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- A moving average of how long a department's visitors waited for an agent: the live data
-- behind the wait estimate, one row per department instead of a history to aggregate.
create table department_wait (
    tenant_id       uuid             not null,
    department_id   uuid             not null,
    average_seconds double precision not null check (average_seconds >= 0),
    sampled_at      timestamptz      not null,
    primary key (tenant_id, department_id)
);
alter table department_wait enable row level security;
alter table department_wait force row level security;
create policy department_wait_isolation on department_wait
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- When each tenant next has an offer to expire. The sweep runs before it knows any tenant, so
-- this one table is read across tenants and has no row-level security, like the platform's
-- outbox; it holds a tenant id and a time, nothing of a tenant's chats. A due_at earlier than
-- the real next expiry only costs the sweep a look.
create table offer_sweep (
    tenant_id uuid        primary key,
    due_at    timestamptz not null
);
-- The sweep asks for the tenants that are due.
create index offer_sweep_due_at on offer_sweep (due_at);

grant select, insert, update, delete on agent_connection, offer, assignment, department_wait, offer_sweep
    to ${app_role};
