-- 消息通知 (P6.2): what the platform tells a person, in-app first; each other channel a
-- delivery row that the dispatcher works off (written in the caller's transaction, so a
-- notification exists iff the change that caused it committed).
create table notifications (
  id text primary key,
  account_id text not null,
  topic text not null,
  title text not null,
  body text not null,
  link text,
  urgent boolean not null default false,
  source_type text,
  source_id text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_account on notifications (account_id, created_at desc);
create unique index notifications_dedupe on notifications (account_id, dedupe_key) where dedupe_key is not null;

create table notification_deliveries (
  id text primary key,
  notification_id text not null references notifications (id),
  channel text not null check (channel in ('email', 'sms')),
  address text not null,
  status text not null check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  sent_at timestamptz
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'pending';

-- Which channels a person wants, per topic ('*' for every topic); in-app is always on.
create table notification_preferences (
  account_id text not null,
  topic text not null,
  channels jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (account_id, topic)
);
