-- Tables every service schema has, migrated before the service's own (which start at V1).
-- They are infrastructure, not tenant data: written inside tenant transactions, read only by
-- the outbox relay and the idempotent consumer, never served by an API. They carry tenant_id
-- for tracing but have no row-level security, because the relay reads across tenants.

-- Transactional outbox (the Debezium outbox shape): an event is stored in the transaction that
-- changes state and published to Kafka by the relay after commit. position orders publication.
create table outbox (
    position       bigint generated always as identity primary key,
    id             uuid        not null,
    tenant_id      uuid        not null,
    aggregate_type text        not null,
    aggregate_id   text        not null, -- the Kafka record key
    type           text        not null,
    topic          text        not null,
    source         text        not null,
    occurred_at    timestamptz not null,
    payload        jsonb       not null
);

-- Events a consumer has applied, written in the same transaction as the consumer's effect, so
-- that a redelivered event is recognised and skipped.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    tenant_id    uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
-- Old entries are pruned by age; this index keeps the prune cheap.
create index processed_event_processed_at on processed_event (processed_at);

grant usage on schema ${flyway:defaultSchema} to ${app_role};
grant select, insert, delete on outbox to ${app_role};
grant select, insert, delete on processed_event to ${app_role};
