-- When the current agent got the conversation. Routing's "queued" (after a transfer to a
-- department) and "assigned" events travel on different topics and can arrive in either order;
-- comparing their times with this keeps the newer decision.
alter table conversation add column assigned_at timestamptz;
