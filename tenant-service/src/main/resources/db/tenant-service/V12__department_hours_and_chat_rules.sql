-- The settings portal: each department's own business hours, and the tenant's chat rules.

-- When the department answers, in the shape of the widget's hours ({"timeZone", "week"}); null:
-- always open (the site's own hours, if any, still apply in the widget).
alter table department add column hours jsonb;

-- How the tenant's chats are handled; a null leaves the choice to the service that applies it
-- (routing's accept timeout, session's inactivity timeout, each agent's own max_chats). A tenant
-- without a row has chosen nothing. Tenant-owned like every table here: RLS forced.
create table chat_rules (
    tenant_id              uuid primary key references tenant (id),
    -- A ceiling on every agent's own max_chats; 0 would stop all routing, which "offline" is for.
    max_chats_per_agent    int check (max_chats_per_agent between 1 and 50),
    -- Shorter than 5 s no one can react; longer than 10 minutes a visitor has left.
    accept_timeout_seconds int check (accept_timeout_seconds between 5 and 600),
    -- A day at most: an idle chat held longer only blocks an agent's capacity.
    auto_close_minutes     int check (auto_close_minutes between 1 and 1440),
    updated_at             timestamptz not null default now()
);
alter table chat_rules enable row level security;
alter table chat_rules force row level security;
create policy chat_rules_isolation on chat_rules
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on chat_rules to ${app_role};
