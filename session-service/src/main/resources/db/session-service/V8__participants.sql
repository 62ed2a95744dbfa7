-- More agents in a visitor's chat: agents the assigned agent or a supervisor invited, and those
-- who joined (invited ones, or supervisors joining directly). The assigned agent is not kept
-- here: conversation.agent_id says who that is. Stands on V1 alone. Row-level security as in V1.
create table conversation_participant (
    tenant_id       uuid        not null,
    conversation_id uuid        not null,
    agent_id        uuid        not null,
    -- Who invited them and when; null for a supervisor who joined without an invitation.
    invited_by      uuid,
    invited_at      timestamptz,
    -- Null while invited and not yet joined; a joined participant may write to the visitor.
    joined_at       timestamptz,
    primary key (tenant_id, conversation_id, agent_id),
    foreign key (tenant_id, conversation_id) references conversation (tenant_id, id)
);
alter table conversation_participant enable row level security;
alter table conversation_participant force row level security;
create policy conversation_participant_isolation on conversation_participant
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on conversation_participant to ${app_role};
