-- Deactivating and deleting console users (#10, item 4).

-- A deactivated user keeps their account, roles and departments but cannot sign in, holds no
-- seat, is left out of the snapshot's agents (so routing offers them nothing and the gateway
-- closes their sockets) and can be reactivated. Null: active.
alter table app_user add column deactivated_at timestamptz;

-- A deleted user's name, and nothing else of them: chat history and reports name who answered
-- by user id, and the other services resolve that id through the tenant snapshot, which lists
-- these as former agents. The e-mail, password hash, sessions, departments and own canned
-- responses go with the app_user row (its foreign keys cascade), so the address may be invited
-- again. No foreign key to app_user: the row is gone by design.
create table former_user (
    tenant_id    uuid        not null references tenant (id),
    id           uuid        not null,
    display_name text        not null,
    deleted_at   timestamptz not null default now(),
    primary key (tenant_id, id)
);
alter table former_user enable row level security;
alter table former_user force row level security;
create policy former_user_isolation on former_user
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert on former_user to ${app_role};
