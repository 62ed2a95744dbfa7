-- Sign-up by e-mail verification, and plans with a trial that ends.

-- An owner who signed up confirms their address before the first login. Everyone made before
-- this existed was made by an owner or the seeder and counts as confirmed.
alter table app_user add column email_verified_at timestamptz;
update app_user set email_verified_at = created_at;

-- The trial runs 14 days from sign-up; afterwards the tenant is EXPIRED until it chooses a plan.
alter table tenant add column trial_ends_at timestamptz;
update tenant set trial_ends_at = created_at + interval '14 days' where status = 'TRIAL';
alter table tenant drop constraint tenant_status_known;
alter table tenant add constraint tenant_status_known
    check (status in ('TRIAL', 'ACTIVE', 'PAST_DUE', 'EXPIRED', 'SUSPENDED', 'CANCELLED'));

-- The verification link's token: as with password resets only the SHA-256 of its secret is stored.
create table email_verification (
    tenant_id   uuid        not null,
    id          uuid        not null,
    user_id     uuid        not null,
    secret_hash bytea       not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
);
create index email_verification_user on email_verification (tenant_id, user_id);
alter table email_verification enable row level security;
alter table email_verification force row level security;
create policy email_verification_isolation on email_verification
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert, update, delete on email_verification to ${app_role};

-- The trial sweep asks "whose trial is over" across tenants, before any tenant is set; like
-- find_login (V2) this definer function is the narrow door: it returns ids only, and each
-- tenant is then moved in its own tenant transaction under RLS.
create policy tenant_trial_lookup on tenant for select to current_user using (true);

create function trials_ended(at timestamptz)
    returns setof uuid
    language sql
    stable
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select t.id from tenant t where t.status = 'TRIAL' and t.trial_ends_at <= at order by t.trial_ends_at
$$;
revoke all on function trials_ended(timestamptz) from public;
grant execute on function trials_ended(timestamptz) to ${app_role};
