-- Canned responses: texts agents insert in a chat by typing /shortcut in the console. Shared ones
-- (owner_id null) belong to the tenant and are kept by owners and admins; the others are one
-- agent's own. Row-level security as in V1. Needs nothing newer than V4.

create table canned_response (
    tenant_id  uuid        not null references tenant (id),
    id         uuid        not null,
    -- null: shared by the tenant; otherwise the agent whose own it is.
    owner_id   uuid,
    shortcut   text        not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
    title      text        check (char_length(title) between 1 and 80),
    -- Stored as written, variables such as {visitor.name} included: the console fills them in.
    body       text        not null check (char_length(body) between 1 and 2000),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, id),
    -- Composite: an own response can only belong to a user of the same tenant, and goes with them.
    foreign key (tenant_id, owner_id) references app_user (tenant_id, id) on delete cascade
);
-- One shared response per shortcut in a tenant, and one own response per shortcut per agent (an
-- agent's own may shadow a shared one). Also the two halves of the list an agent reads.
create unique index canned_response_shared_shortcut on canned_response (tenant_id, shortcut)
    where owner_id is null;
create unique index canned_response_own_shortcut on canned_response (tenant_id, owner_id, shortcut)
    where owner_id is not null;
alter table canned_response enable row level security;
alter table canned_response force row level security;
create policy canned_response_isolation on canned_response
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on canned_response to ${app_role};
