-- Refresh tokens: a console user stays signed in for a shift without a long-lived access token.
-- The token itself is never stored, only its SHA-256: a copy of this table signs nobody in.
-- Each use replaces the token with a new one of the same family (rotation); a token used twice
-- means a copy is in someone else's hands, and the whole family is revoked (reuse detection).
-- Logging out revokes the family. tenant_id leads the key and RLS applies, as everywhere.
create table refresh_token (
    tenant_id   uuid        not null,
    id          uuid        not null,
    -- Every token descending from one login shares its family; revoking it ends that session.
    family_id   uuid        not null,
    user_id     uuid        not null,
    secret_hash bytea       not null,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    -- Set when it was exchanged for its successor; a second exchange is a reuse.
    used_at     timestamptz,
    revoked_at  timestamptz,
    primary key (tenant_id, id),
    -- A deleted user's sessions go with them.
    foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
);
-- Revoking a family, and a user's sessions.
create index refresh_token_family on refresh_token (tenant_id, family_id);
create index refresh_token_user on refresh_token (tenant_id, user_id);
alter table refresh_token enable row level security;
alter table refresh_token force row level security;
create policy refresh_token_isolation on refresh_token
    using (tenant_id = nullif(current_setting('parley.tenant_id', true), '')::uuid);

grant select, insert, update, delete on refresh_token to ${app_role};
