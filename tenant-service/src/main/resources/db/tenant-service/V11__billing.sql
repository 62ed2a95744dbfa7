-- Billing through Stripe: a tenant's Stripe customer and subscription as the webhooks last told
-- them, its invoices, and the events already applied (Stripe delivers at least once).

create table billing_account (
    tenant_id            uuid        primary key references tenant (id),
    customer_id          text        not null unique,
    subscription_id      text,
    -- Stripe's subscription status (active, past_due, unpaid, canceled, ...), null before the first.
    subscription_status  text,
    plan                 text,
    cancel_at_period_end boolean     not null default false,
    current_period_end   timestamptz,
    -- The creation time of the newest event applied to the subscription: an older event that
    -- arrives late (Stripe does not promise order) changes nothing.
    event_created_at     timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
alter table billing_account enable row level security;
alter table billing_account force row level security;
create policy billing_account_isolation on billing_account
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert, update on billing_account to ${app_role};

create table invoice (
    tenant_id          uuid        not null references tenant (id),
    id                 text        not null,
    number             text,
    status             text        not null,
    currency           text        not null,
    amount_due_cents   bigint      not null,
    amount_paid_cents  bigint      not null,
    hosted_url         text,
    period_start       timestamptz,
    period_end         timestamptz,
    created_at         timestamptz not null,
    primary key (tenant_id, id)
);
create index invoice_newest on invoice (tenant_id, created_at desc);
alter table invoice enable row level security;
alter table invoice force row level security;
create policy invoice_isolation on invoice
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert, update on invoice to ${app_role};

-- Each Stripe event is applied once: its id is inserted in the same transaction as its effect.
create table billing_event (
    tenant_id   uuid        not null references tenant (id),
    id          text        not null,
    type        text        not null,
    received_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
alter table billing_event enable row level security;
alter table billing_event force row level security;
create policy billing_event_isolation on billing_event
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);
grant select, insert on billing_event to ${app_role};

-- A webhook names a Stripe customer, not a tenant, and arrives before any tenant is set: like
-- find_login (V2) this definer function is the narrow door, returning the id only; the event is
-- then applied in that tenant's own transaction under RLS.
create policy billing_account_customer_lookup on billing_account for select to current_user using (true);

create function tenant_of_customer(customer text)
    returns uuid
    language sql
    stable
    security definer
    set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select b.tenant_id from billing_account b where b.customer_id = customer
$$;
revoke all on function tenant_of_customer(text) from public;
grant execute on function tenant_of_customer(text) to ${app_role};
