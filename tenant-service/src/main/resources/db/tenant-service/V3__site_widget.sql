-- Each site's widget configuration (look, pre-chat survey, invitations, hours, offline message),
-- and the lookup the widget makes with a site key alone. A site without a row has the default
-- configuration at revision 0; its first change stores revision 1.

create table site_widget (
    tenant_id  uuid        not null,
    site_id    uuid        not null,
    -- +1 per change: the console shows which version it edits; the widget's ETag changes with it.
    revision   bigint      not null check (revision > 0),
    -- The whole configuration as the console sent it, after validation; never the site key.
    config     jsonb       not null,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, site_id),
    -- Composite: a configuration can never belong to another tenant's site.
    foreign key (tenant_id, site_id) references site (tenant_id, id) on delete cascade
);
alter table site_widget enable row level security;
alter table site_widget force row level security;
create policy site_widget_isolation on site_widget
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on site_widget to ${app_role};

-- The widget asks for its configuration from customers' pages with the public site key only, so
-- no tenant can be set before the site is found. Like find_login (V2), one SECURITY DEFINER
-- function answers exactly that question: the site with this key (the unique index
-- site_site_key), its tenant's name (the default title) and its stored configuration, if any.
-- The app role may execute it and still cannot read site, tenant or site_widget across tenants.
-- search_path is pinned so that nothing the caller creates can stand in for these tables.
create policy widget_lookup on site for select to current_user using (true);
create policy widget_lookup on tenant for select to current_user using (true);
create policy widget_lookup on site_widget for select to current_user using (true);
-- ^ The owner is subject to RLS too (FORCE); these let the definer, and only it, read across
-- tenants. A superuser owner bypasses RLS anyway; a managed database's owner does not.

create function widget_by_site_key(p_site_key text)
    returns table (tenant_id uuid, site_id uuid, site_key text, tenant_name text, revision bigint, config jsonb)
    language sql
    stable
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select s.tenant_id, s.id, s.site_key, t.name, coalesce(w.revision, 0), w.config
    from site s
    join tenant t on t.id = s.tenant_id
    left join site_widget w on w.tenant_id = s.tenant_id and w.site_id = s.id
    where s.site_key = p_site_key
$$;
revoke all on function widget_by_site_key(text) from public;
grant execute on function widget_by_site_key(text) to ${app_role};
