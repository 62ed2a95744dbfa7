-- Every tenant-owned table: tenant_id leads the key, row-level security is enabled and forced
-- (the app role is not the owner, and FORCE covers the owner too), and the policy compares with
-- the transaction-local setting parley.tenant_id that TenantTransactions sets. A pooled
-- connection reports a setting once set and since reset as '' rather than NULL: nullif makes
-- both "no tenant", which matches no row.

create table tenant (
    id         uuid        primary key,
    name       text        not null,
    plan       text        not null default 'trial',
    status     text        not null default 'active',
    created_at timestamptz not null default now()
);
alter table tenant enable row level security;
alter table tenant force row level security;
create policy tenant_isolation on tenant
    using (id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table site (
    tenant_id       uuid   not null references tenant (id),
    id              uuid   not null,
    name            text   not null,
    -- Public: pasted into customers' pages. Identifies the site, proves nothing.
    site_key        text   not null,
    allowed_origins text[] not null default '{}',
    primary key (tenant_id, id)
);
-- The widget bootstraps with a site key alone, before any tenant is known.
create unique index site_site_key on site (site_key);
alter table site enable row level security;
alter table site force row level security;
create policy site_isolation on site
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table department (
    tenant_id    uuid not null references tenant (id),
    id           uuid not null,
    name         text not null,
    -- OFFER: the least-busy eligible agent is offered the chat; PICKUP: all see it, first wins.
    routing_mode text not null default 'OFFER' check (routing_mode in ('OFFER', 'PICKUP')),
    primary key (tenant_id, id)
);
alter table department enable row level security;
alter table department force row level security;
create policy department_isolation on department
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on tenant, site, department to ${app_role};
