-- S1.2 执行链: a leader's instruction 批示 on an object (a case, a task, a warning, a report, a
-- document), addressed to organisations and people, followed through 签收, 进展反馈, 督办 and
-- 办结. Every step is a timeline row, so the chain reads "一贯到底" from one table.
create table instructions (
  id text primary key,
  issuer_id text not null,
  issuer_name text not null,
  issuer_org_id text,
  -- the issuer's region: supervisors (督办) over it see the instruction
  region_code text not null,
  subject_type text not null check (subject_type in ('case', 'task', 'warning', 'report', 'document')),
  subject_id text not null,
  -- as the issuer saw it when issuing
  subject_title text not null,
  subject_link text,
  text text not null,
  deadline timestamptz not null,
  priority text not null check (priority in ('normal', 'important', 'urgent')),
  status text not null check (status in ('open', 'completed', 'cancelled')),
  created_at timestamptz not null,
  completed_at timestamptz
);
create index instructions_issuer on instructions (issuer_id, created_at desc);
create index instructions_region on instructions (region_code, created_at desc);
create index instructions_open_deadline on instructions (deadline) where status = 'open';
create index instructions_subject on instructions (subject_type, subject_id);

-- Who must act: one row per addressed organisation or person.
create table instruction_recipients (
  id text primary key,
  instruction_id text not null references instructions (id),
  org_id text,
  account_id text,
  -- the organisation or the person, named as when addressed
  name text not null,
  -- a person's own organisation, whose leaders hear of an escalation
  person_org_id text,
  status text not null default 'assigned' check (status in ('assigned', 'acknowledged', 'in_progress', 'done')),
  percent integer not null default 0 check (percent between 0 and 100),
  acknowledged_at timestamptz,
  acknowledged_by text,
  completed_at timestamptz,
  result text,
  check ((org_id is null) <> (account_id is null)),
  unique (instruction_id, org_id),
  unique (instruction_id, account_id)
);
create index instruction_recipients_org on instruction_recipients (org_id) where org_id is not null;
create index instruction_recipients_account on instruction_recipients (account_id) where account_id is not null;

-- 进展反馈 and 办结 reports, with the files that back them.
create table instruction_reports (
  id text primary key,
  instruction_id text not null references instructions (id),
  recipient_id text not null references instruction_recipients (id),
  kind text not null check (kind in ('progress', 'result')),
  author_id text not null,
  author_name text not null,
  text text not null,
  percent integer not null check (percent between 0 and 100),
  -- [{ id, name, mimeType, size }]: workflow attachments uploaded by the author
  attachments jsonb not null default '[]',
  at timestamptz not null
);
create index instruction_reports_instruction on instruction_reports (instruction_id, at);

-- The chain itself, in order. A dedupe key makes a scheduled step (an escalation a day, one
-- reminder per deadline) happen once however often the watcher runs.
create table instruction_timeline (
  seq bigint generated always as identity primary key,
  instruction_id text not null references instructions (id),
  at timestamptz not null,
  actor_id text,
  actor_name text not null,
  kind text not null check (
    kind in ('issued', 'acknowledged', 'progress', 'result', 'supervised', 'escalated', 'reminded', 'completed', 'reopened', 'cancelled')
  ),
  recipient_id text references instruction_recipients (id),
  details jsonb not null default '{}',
  dedupe_key text
);
create index instruction_timeline_instruction on instruction_timeline (instruction_id, seq);
create unique index instruction_timeline_dedupe on instruction_timeline (instruction_id, dedupe_key) where dedupe_key is not null;
