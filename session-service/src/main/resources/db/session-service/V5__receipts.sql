-- Delivered and read marks, one row per conversation and side (the visitor's, the agents').
-- Stands on V1 alone: it references conversation (tenant_id, id) and nothing newer.
-- A mark is a message seq, only ever raised; it always names a message the visitor could see
-- (visibility ALL) or is 0, so that whispers and notes never show in a receipt (see
-- session-service/README.md, "Receipts").
create table receipt (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    side            text        not null check (side in ('VISITOR', 'AGENT')),
    delivered_seq   bigint      not null default 0 check (delivered_seq >= 0),
    read_seq        bigint      not null default 0 check (read_seq >= 0),
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, conversation_id, side),
    -- What was read was delivered.
    check (delivered_seq >= read_seq),
    foreign key (tenant_id, conversation_id) references conversation (tenant_id, id)
);
alter table receipt enable row level security;
alter table receipt force row level security;
create policy receipt_isolation on receipt
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on receipt to ${app_role};
