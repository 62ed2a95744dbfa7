-- Users (console sign-in: owners, admins, supervisors, agents), their departments, the tenant's
-- snapshot revision, and the one lookup that must cross tenants: finding a login by email.
-- New tables follow V1: tenant_id leads every key, row-level security enabled and forced.

-- The snapshot on tenant.state.v1 carries this revision; each change increments it in the
-- change's own transaction, so readers can drop a snapshot older than the one they hold.
alter table tenant add column revision bigint not null default 0;

-- Status values are the contract's (TenantUpdated.Status); a new tenant starts on a trial.
update tenant set status = upper(status);
alter table tenant alter column status set default 'TRIAL';
alter table tenant add constraint tenant_status_known
    check (status in ('TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED', 'CANCELLED'));

-- Visitors pick a department by name in the pre-chat survey: two of the same name would be a trap.
create unique index department_name on department (tenant_id, lower(name));

create table app_user (
    tenant_id     uuid        not null references tenant (id),
    id            uuid        not null,
    -- Stored as typed (trimmed); compared case-insensitively.
    email         text        not null,
    display_name  text        not null,
    -- Argon2id in PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash): never the password.
    password_hash text        not null,
    roles         text[]      not null check (roles <@ array['owner', 'admin', 'supervisor', 'agent'] and cardinality(roles) > 0),
    -- How many chats routing gives the user at once.
    max_chats     int         not null default 3 check (max_chats >= 0),
    created_at    timestamptz not null default now(),
    primary key (tenant_id, id)
);
-- One account per email across all tenants: login names an email, not a tenant, so an email must
-- lead to exactly one account. Unique constraints are checked across rows RLS hides, so this holds
-- even though each transaction sees only its own tenant's users. Also the login lookup's index.
create unique index app_user_email on app_user (lower(email));
alter table app_user enable row level security;
alter table app_user force row level security;
create policy app_user_isolation on app_user
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table user_department (
    tenant_id     uuid not null,
    user_id       uuid not null,
    department_id uuid not null,
    primary key (tenant_id, user_id, department_id),
    -- Composite keys: a membership can never join a user to another tenant's department.
    foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade,
    foreign key (tenant_id, department_id) references department (tenant_id, id) on delete cascade
);
-- The department's side of the cascade above, and "who works in this department".
create index user_department_department on user_department (tenant_id, department_id);
alter table user_department enable row level security;
alter table user_department force row level security;
create policy user_department_isolation on user_department
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on app_user, user_department to ${app_role};

-- Login: the caller has an email and a password, not a tenant, so the tenant cannot be set before
-- the user is found, and RLS (forced, the app role not exempt) hides every user until it is. This
-- function is the one narrow door through that wall: it runs with its owner's rights (SECURITY
-- DEFINER: the migration owner, not the app role) and answers a single question, "which account
-- has this email", with only what checking a password takes. The app role may execute it but
-- still cannot read app_user across tenants. search_path is pinned so that nothing the caller
-- creates can stand in for app_user inside it.
create policy app_user_login_lookup on app_user for select to current_user using (true);
-- ^ The owner is subject to RLS too (FORCE); this lets the definer, and only it, read every
-- tenant's users. A superuser owner bypasses RLS anyway; a managed database's owner does not.

create function find_login(login_email text)
    returns table (tenant_id uuid, user_id uuid, password_hash text)
    language sql
    stable
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select u.tenant_id, u.id, u.password_hash
    from app_user u
    where lower(u.email) = lower(login_email)
$$;
revoke all on function find_login(text) from public;
grant execute on function find_login(text) to ${app_role};
