-- What agents see of visitors before and after a chat: where they are on the site, who they say
-- they are, the messages they leave when nobody answers, their rating, transcript requests and
-- the invitations agents send them. Row-level security on every table, as in V1.

-- The visitor row keeps a summary of their activity so that the live list is one indexed read;
-- page_view keeps the history.
alter table visitor
    add column name            text,
    add column email           text,
    add column first_seen_at   timestamptz,
    add column last_seen_at    timestamptz,
    add column current_url     text,
    add column current_title   text,
    -- Where the visitor came from: the referrer of their first page view that had one.
    add column referrer        text,
    add column page_view_count integer     not null default 0;
-- The agents' live list: the tenant's visitors seen recently, most recent first.
create index visitor_last_seen on visitor (tenant_id, last_seen_at desc) where last_seen_at is not null;

create table page_view (
    tenant_id  uuid        not null,
    id         uuid        not null,
    visitor_id uuid        not null,
    url        text        not null,
    title      text,
    referrer   text,
    viewed_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id)
);
-- A visitor's pages, newest first (the console's visitor panel).
create index page_view_visitor on page_view (tenant_id, visitor_id, viewed_at desc);
alter table page_view enable row level security;
alter table page_view force row level security;
create policy page_view_isolation on page_view
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

create table offline_message (
    tenant_id  uuid        not null,
    id         uuid        not null,
    site_id    uuid        not null,
    visitor_id uuid        not null,
    name       text        not null,
    email      text        not null,
    message    text        not null,
    answers    jsonb       not null default '{}',
    page_url   text,
    created_at timestamptz not null default now(),
    -- Set when an agent marked it handled; null while it waits for an answer.
    handled_at timestamptz,
    handled_by uuid,
    primary key (tenant_id, id),
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id)
);
-- The console's inbox: the tenant's offline messages, newest first.
create index offline_message_recent on offline_message (tenant_id, created_at desc);
alter table offline_message enable row level security;
alter table offline_message force row level security;
create policy offline_message_isolation on offline_message
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- One rating per conversation: the primary key turns a second rating into a conflict.
create table conversation_rating (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    score           smallint    not null check (score between 1 and 5),
    comment         text,
    rated_at        timestamptz not null default now(),
    primary key (tenant_id, conversation_id),
    foreign key (tenant_id, conversation_id) references conversation (tenant_id, id)
);
alter table conversation_rating enable row level security;
alter table conversation_rating force row level security;
create policy conversation_rating_isolation on conversation_rating
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- Transcripts a visitor asked to get by email; a sender picks up 'requested' ones later.
create table transcript_request (
    tenant_id       uuid        not null,
    id              uuid        not null,
    conversation_id uuid        not null,
    visitor_id      uuid        not null,
    email           text        not null,
    status          text        not null default 'requested' check (status in ('requested', 'sent', 'failed')),
    requested_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, conversation_id) references conversation (tenant_id, id)
);
alter table transcript_request enable row level security;
alter table transcript_request force row level security;
create policy transcript_request_isolation on transcript_request
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

-- Invitations to chat that agents sent to visitors browsing the site.
create table invitation (
    tenant_id  uuid        not null,
    id         uuid        not null,
    visitor_id uuid        not null,
    agent_id   uuid        not null,
    message    text        not null,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id)
);
alter table invitation enable row level security;
alter table invitation force row level security;
create policy invitation_isolation on invitation
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete
    on page_view, offline_message, conversation_rating, transcript_request, invitation to ${app_role};
