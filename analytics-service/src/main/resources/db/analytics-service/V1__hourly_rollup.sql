-- Hourly rollups per department: what reports and charts read, cheap to aggregate further.

create table chat_hour (
    tenant_id           uuid        not null,
    department_id       uuid        not null,
    hour                timestamptz not null,
    chats               integer     not null default 0,
    missed              integer     not null default 0,
    wait_ms_total       bigint      not null default 0,
    first_response_ms_total bigint  not null default 0,
    messages            integer     not null default 0,
    primary key (tenant_id, department_id, hour)
);
alter table chat_hour enable row level security;
alter table chat_hour force row level security;
create policy chat_hour_isolation on chat_hour
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on chat_hour to ${app_role};
