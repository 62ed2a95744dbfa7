-- Password resets by e-mail: a link with a token good for an hour and once. As with refresh
-- tokens only the SHA-256 of its secret is stored; the tenant leads the key and RLS applies.
create table password_reset (
    tenant_id   uuid        not null,
    id          uuid        not null,
    user_id     uuid        not null,
    secret_hash bytea       not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
);
create index password_reset_user on password_reset (tenant_id, user_id);
alter table password_reset enable row level security;
alter table password_reset force row level security;
create policy password_reset_isolation on password_reset
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on password_reset to ${app_role};
