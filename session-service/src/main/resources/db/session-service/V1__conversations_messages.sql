-- Conversations and their messages: the truth every delivery is checked against.
-- Row-level security on every table (see tenant-service V1 for the pattern).

create table conversation (
    tenant_id     uuid        not null,
    id            uuid        not null,
    site_id       uuid        not null,
    visitor_id    uuid        not null,
    department_id uuid,
    state         text        not null default 'REQUESTED'
        check (state in ('REQUESTED', 'QUEUED', 'ASSIGNED', 'ACTIVE', 'CLOSED')),
    -- The last sequence number given out; the next message takes last_seq + 1 in its transaction.
    last_seq      bigint      not null default 0,
    created_at    timestamptz not null default now(),
    closed_at     timestamptz,
    primary key (tenant_id, id)
);
-- A visitor's own conversations, newest first (history, resume).
create index conversation_visitor on conversation (tenant_id, visitor_id, created_at desc);
alter table conversation enable row level security;
alter table conversation force row level security;
create policy conversation_isolation on conversation
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table message (
    tenant_id         uuid        not null,
    conversation_id   uuid        not null,
    seq               bigint      not null,
    id                uuid        not null,
    client_message_id text,
    sender_kind       text        not null check (sender_kind in ('VISITOR', 'AGENT', 'SYSTEM')),
    sender_id         uuid,
    -- AGENTS: whispers and private notes, never delivered to a visitor.
    visibility        text        not null default 'ALL' check (visibility in ('ALL', 'AGENTS')),
    body              text        not null,
    posted_at         timestamptz not null default now(),
    primary key (tenant_id, conversation_id, seq),
    foreign key (tenant_id, conversation_id) references conversation (tenant_id, id)
);
-- A retried send carries the same client id: this index turns the retry into a no-op.
create unique index message_client_id on message (tenant_id, conversation_id, client_message_id)
    where client_message_id is not null;
alter table message enable row level security;
alter table message force row level security;
create policy message_isolation on message
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on conversation, message to ${app_role};
