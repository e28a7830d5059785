-- P2.3 数据归集. A load is one file upload or one scheduled pull into a resource: its rows are
-- checked and staged as they stream in, then published in one transaction, or rejected whole.
create table collection_loads (
  id text primary key,
  resource_id text not null,
  org_id text not null,
  source_kind text not null check (source_kind in ('upload', 'pull')),
  source_id text,
  format text not null,
  file_name text not null default '',
  mode text not null check (mode in ('upsert', 'replace')),
  on_error text not null check (on_error in ('reject', 'skip')),
  status text not null check (status in ('created', 'receiving', 'published', 'rejected', 'failed')),
  bytes bigint not null default 0,
  rows_read integer not null default 0,
  rows_bad integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  deleted integer not null default 0,
  -- the first problems, each { row, field, reason }; and how many of each reason in all
  errors jsonb not null default '[]',
  reasons jsonb not null default '{}',
  failure text,
  created_by text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index collection_loads_resource on collection_loads (resource_id, created_at desc);
create index collection_loads_open on collection_loads (status) where status in ('created', 'receiving');

-- Scheduled pulls from a department's HTTP JSON API, incremental by an update-time field.
create table collection_sources (
  id text primary key,
  resource_id text not null,
  org_id text not null,
  name text not null,
  url text not null,
  cursor_field text not null,
  since_param text not null,
  limit_param text not null,
  offset_param text not null,
  page_size integer not null,
  interval_minutes integer not null,
  -- an Authorization header for the source, sealed with the data key (SM4)
  auth_sealed bytea,
  auth_key_version integer,
  enabled boolean not null default true,
  cursor text,
  next_run_at timestamptz not null default now(),
  running_since timestamptz,
  last_run_at timestamptz,
  last_load_id text,
  last_error text,
  created_by text,
  created_at timestamptz not null default now()
);
create index collection_sources_due on collection_sources (next_run_at) where enabled;

-- Each resource's data quality: the latest assessment (a load, a pull or a full check) and
-- the open rectification (数据质量整改) instance, if any.
create table collection_quality (
  resource_id text primary key,
  org_id text not null,
  checked_rows integer not null,
  bad_rows integer not null,
  reasons jsonb not null default '{}',
  sample jsonb not null default '[]',
  basis text not null,
  checked_at timestamptz not null default now(),
  open_instance_id text
);
