-- The tenant's own key terms for chat mood. session-service scores every visitor message with its
-- default lexicon plus these (a term here replaces a default of the same text); they reach it in
-- the tenant snapshot. Tenant-owned like every table here: tenant_id leads the key, RLS forced.
create table mood_term (
    tenant_id uuid     not null references tenant (id),
    -- A lower-case word or phrase (words of letters, single spaces), as the scorer tokenises text.
    term      text     not null check (char_length(term) between 1 and 60 and term = lower(term)),
    -- Negative terms pull a message's score down; 0 would be a term that does nothing.
    weight    smallint not null check (weight between -5 and 5 and weight <> 0),
    primary key (tenant_id, term)
);
alter table mood_term enable row level security;
alter table mood_term force row level security;
create policy mood_term_isolation on mood_term
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on mood_term to ${app_role};
