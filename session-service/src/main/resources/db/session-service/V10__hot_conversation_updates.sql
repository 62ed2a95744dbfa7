-- Every stored message moves its conversation (last_seq, last_activity_at, mood) in the transaction
-- that stores it. With last_activity_at in an index, none of those updates could be HOT: each one
-- wrote a new entry into every index of the table, and every lookup of a busy conversation by id
-- walked its dead versions (measured: 26 row versions read per lookup at 1,000 msg/s over 50
-- chats, no HOT update at all; docs/benchmarks.md). The inactivity sweep's index now names open
-- visitor chats without their activity time, so a message's update changes no indexed column and
-- stays on its page (fillfactor leaves room for that); the sweep reads the open chats' rows and
-- keeps the oldest. state still changes a handful of times per chat, not per message.
drop index conversation_inactive;
create index conversation_open_visitor_chats on conversation (tenant_id)
    where state in ('ASSIGNED', 'ACTIVE') and kind = 'VISITOR';
alter table conversation set (fillfactor = 70);
