-- A tenant-owned table shaped like every service's: tenant first in the key, RLS forced.
create table note (
    tenant_id uuid not null,
    id        uuid not null,
    body      text not null,
    primary key (tenant_id, id)
);
alter table note enable row level security;
alter table note force row level security;
create policy note_tenant on note
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert, update, delete on note to ${app_role};
