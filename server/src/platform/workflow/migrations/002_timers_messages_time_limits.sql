-- Timers, messages, call activities, 会签, 退回/转办, time limits 承诺时限 and attachments.
alter table wf_instances drop constraint wf_instances_status_check;
alter table wf_instances add constraint wf_instances_status_check check (status in ('running', 'completed', 'failed', 'cancelled'));
alter table wf_instances
  add column item_name text,
  add column parent_instance_id text references wf_instances (id),
  add column parent_token_id text,
  add column form_version_id text,
  add column time_limit_days integer,
  add column due_at timestamptz,
  add column warn_at timestamptz,
  add column time_state text check (time_state in ('normal', 'warning', 'overdue')),
  add column clock_paused_at timestamptz,
  add column supplement_reason text;
create index wf_instances_deadlines on wf_instances (status, time_state, warn_at) where due_at is not null;
create index wf_instances_parent on wf_instances (parent_instance_id) where parent_instance_id is not null;

-- A multi-instance host token keeps its counts: { total, completed, active, approved, items, next }.
alter table wf_tokens add column multi jsonb;

alter table wf_tasks
  add column local_variables jsonb not null default '{}',
  add column mi_index integer,
  add column mi_total integer;
create index wf_tasks_token on wf_tasks (token_id, status);

-- Stored timers: a restarted node fires what fell due while it was down.
create table wf_timers (
  id text primary key,
  instance_id text not null references wf_instances (id),
  token_id text not null,
  node_id text not null,
  fire_at timestamptz not null,
  -- timeCycle R<n>/<interval>: repeats left after this one and the interval
  repeats_left integer not null default 0,
  interval_ms bigint,
  status text not null check (status in ('pending', 'fired', 'cancelled')),
  created_at timestamptz not null default now()
);
create index wf_timers_due on wf_timers (fire_at) where status = 'pending';
create index wf_timers_token on wf_timers (token_id) where status = 'pending';

-- A token waiting at a message catch event, by message name and correlation key.
create table wf_subscriptions (
  id text primary key,
  instance_id text not null references wf_instances (id),
  token_id text not null,
  node_id text not null,
  message_name text not null,
  correlation_key text,
  status text not null check (status in ('waiting', 'received', 'cancelled')),
  created_at timestamptz not null default now()
);
create index wf_subscriptions_waiting on wf_subscriptions (message_name, correlation_key, created_at) where status = 'waiting';

-- 工作日历: weekends are off unless 'workday' (调休), weekdays on unless 'holiday'.
create table wf_calendar_days (
  day date primary key,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null default ''
);
insert into wf_calendar_days (day, kind, name) values
  ('2025-01-01', 'holiday', '元旦'),
  ('2025-01-26', 'workday', '春节调休'), ('2025-01-28', 'holiday', '春节'), ('2025-01-29', 'holiday', '春节'),
  ('2025-01-30', 'holiday', '春节'), ('2025-01-31', 'holiday', '春节'), ('2025-02-03', 'holiday', '春节'),
  ('2025-02-04', 'holiday', '春节'), ('2025-02-08', 'workday', '春节调休'),
  ('2025-04-04', 'holiday', '清明节'),
  ('2025-04-27', 'workday', '劳动节调休'), ('2025-05-01', 'holiday', '劳动节'), ('2025-05-02', 'holiday', '劳动节'),
  ('2025-05-05', 'holiday', '劳动节'),
  ('2025-06-02', 'holiday', '端午节'),
  ('2025-09-28', 'workday', '国庆节调休'), ('2025-10-01', 'holiday', '国庆节、中秋节'), ('2025-10-02', 'holiday', '国庆节、中秋节'),
  ('2025-10-03', 'holiday', '国庆节、中秋节'), ('2025-10-06', 'holiday', '国庆节、中秋节'), ('2025-10-07', 'holiday', '国庆节、中秋节'),
  ('2025-10-08', 'holiday', '国庆节、中秋节'), ('2025-10-11', 'workday', '国庆节调休'),
  ('2026-01-01', 'holiday', '元旦'), ('2026-01-02', 'holiday', '元旦'), ('2026-01-04', 'workday', '元旦调休'),
  ('2026-02-14', 'workday', '春节调休'), ('2026-02-16', 'holiday', '春节'), ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'), ('2026-02-19', 'holiday', '春节'), ('2026-02-20', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'), ('2026-02-28', 'workday', '春节调休'),
  ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'), ('2026-05-04', 'holiday', '劳动节'), ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节调休'),
  ('2026-06-19', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节调休'), ('2026-09-25', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'), ('2026-10-02', 'holiday', '国庆节'), ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'), ('2026-10-07', 'holiday', '国庆节'), ('2026-10-10', 'workday', '国庆节调休');

-- Files attached to forms, kept with their SM3 checksum.
create table wf_attachments (
  id text primary key,
  name text not null,
  mime_type text not null,
  size integer not null,
  sm3 text not null,
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now(),
  instance_id text references wf_instances (id)
);
