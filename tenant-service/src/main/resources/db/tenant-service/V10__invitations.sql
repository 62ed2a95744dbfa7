-- Invitations by e-mail: an owner or admin names the person, their roles and departments; the
-- e-mailed link (a SecretTokens token, only its SHA-256 stored) lets them choose a password, which
-- makes the user. Pending invitations hold a seat of the plan.
create table invitation (
    tenant_id      uuid        not null references tenant (id),
    id             uuid        not null,
    email          text        not null,
    display_name   text        not null,
    roles          text[]      not null check (roles <@ array['owner', 'admin', 'supervisor', 'agent'] and cardinality(roles) > 0),
    department_ids uuid[]      not null default '{}',
    max_chats      int         not null check (max_chats >= 0),
    invited_by     uuid        not null,
    secret_hash    bytea       not null,
    created_at     timestamptz not null default now(),
    expires_at     timestamptz not null,
    accepted_at    timestamptz,
    revoked_at     timestamptz,
    primary key (tenant_id, id)
);
-- One pending invitation per address in a tenant; inviting again replaces it.
create unique index invitation_pending on invitation (tenant_id, lower(email))
    where accepted_at is null and revoked_at is null;
alter table invitation enable row level security;
alter table invitation force row level security;
create policy invitation_isolation on invitation
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert, update, delete on invitation to ${app_role};
