-- Chat mood: each visitor message's score from key terms, and per conversation the running mood
-- agents see (session-service/README.md, "Mood"). Written in the message's own transaction, under
-- the conversation row lock that orders its messages, so the running value never misses one.

-- -10..+10; null for messages that are not scored (agents', whispers and notes, system).
alter table message add column mood_score smallint check (mood_score between -10 and 10);

alter table conversation
    -- Exponentially weighted (alpha 0.5) over the visitor's message scores, two decimals.
    add column mood       double precision not null default 0,
    add column mood_label text             not null default 'neutral'
        check (mood_label in ('negative', 'neutral', 'positive')),
    -- The last (up to 10) scores, oldest first: the trend agents see without reading messages.
    add column mood_trend smallint[]       not null default '{}' check (cardinality(mood_trend) <= 10);
