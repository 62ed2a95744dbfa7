-- When the visitor of an answered conversation began waiting. A chat whose agent leaves the
-- tenant (deactivated, deleted) goes back to the front of its queue and keeps this time, so its
-- place among the other returned chats and the waiting-since agents see stay honest. Nullable:
-- rows assigned before it existed read assigned_at instead (a backfill here would see no rows,
-- since row-level security is forced and no tenant is set during migrations).
alter table assignment add column enqueued_at timestamptz;
