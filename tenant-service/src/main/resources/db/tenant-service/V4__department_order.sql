-- A tenant's departments in the order they were made: the first one (made at sign-up) is where a
-- visitor's chat goes when the widget names no department.
alter table department add column created_at timestamptz not null default clock_timestamp();
