-- 应用集成管理 (P7): every app of every system, registered once, opened with single sign-on,
-- watched (可用性, 时延, 错误, 活跃用户) and scored each month (应用效能评估).
create table apps (
  id text primary key,
  code text not null unique,
  name text not null,
  description text not null default '',
  owner_org_id text not null,
  region_code text not null,
  system text not null check (system in ('S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'P')),
  level text not null check (level in ('province', 'city', 'county')),
  client_id text not null unique,
  entry_url text not null,
  health_url text,
  launch_on jsonb not null default '[]',
  scopes jsonb not null default '[]',
  components jsonb not null default '[]',
  resources jsonb not null default '[]',
  expected_users integer not null default 100,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index apps_region on apps (region_code);

-- 可用性巡检: one row a check
create table app_checks (
  id text primary key,
  app_id text not null references apps (id),
  checked_at timestamptz not null default now(),
  ok boolean not null,
  status_code integer,
  latency_ms integer,
  error text
);
create index app_checks_app on app_checks (app_id, checked_at desc);

-- who used an app, a row per person and day (launches from the launcher, SSO sign-ins)
create table app_usage (
  app_id text not null references apps (id),
  account_id text not null,
  day date not null,
  launches integer not null default 0,
  sign_ins integer not null default 0,
  primary key (app_id, account_id, day)
);

create table app_ratings (
  app_id text not null references apps (id),
  account_id text not null,
  score integer not null check (score between 1 and 5),
  comment text,
  rated_at timestamptz not null default now(),
  primary key (app_id, account_id)
);

-- task completion the app reports about itself for a month (its own 办件/任务)
create table app_task_reports (
  app_id text not null references apps (id),
  month text not null check (month ~ '^\d{4}-\d{2}$'),
  started integer not null check (started >= 0),
  completed integer not null check (completed >= 0),
  reported_at timestamptz not null default now(),
  primary key (app_id, month)
);

create table app_efficacy (
  app_id text not null references apps (id),
  month text not null,
  usage_score numeric,
  satisfaction_score numeric,
  completion_score numeric,
  availability_score numeric,
  score numeric not null,
  poor boolean not null,
  details jsonb not null,
  computed_at timestamptz not null default now(),
  primary key (app_id, month)
);

-- 组件目录 (P6.1): built-in and registered components; usage counted from real calls
create table components (
  code text primary key,
  name text not null,
  description text not null default '',
  owner_org_id text,
  version text not null,
  docs text not null default '',
  docs_url text,
  kind text not null check (kind in ('builtin', 'registered')),
  obligation text not null check (obligation in ('mandatory', 'recommended')),
  path_prefixes jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table component_usage (
  component_code text not null,
  caller text not null,
  day date not null,
  calls bigint not null default 0,
  errors bigint not null default 0,
  primary key (component_code, caller, day)
);
