-- P2.1/P2.2 数据目录: each department's data resources, their fields graded L1–L4, and every
-- version of a resource's schema (a changed field list is a new version; old ones stay).
create table data_resources (
  id text primary key,
  org_id text not null,
  code text not null unique,
  name text not null,
  description text not null default '',
  domain text not null check (domain in ('basic', 'shared', 'open')),
  share_type text not null check (share_type in ('unconditional', 'conditional', 'none')),
  open_type text not null check (open_type in ('open', 'conditional', 'none')),
  update_frequency text not null check (update_frequency in ('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular')),
  source_system text not null default '',
  version integer not null default 1,
  fields jsonb not null,
  -- what the search looks in: name, code, description and the fields' Chinese labels
  search_text text not null default '',
  created_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index data_resources_org on data_resources (org_id, updated_at desc);

create table data_resource_versions (
  resource_id text not null references data_resources (id),
  version integer not null,
  fields jsonb not null,
  note text not null default '',
  changed_by text,
  changed_by_name text,
  changed_at timestamptz not null default now(),
  primary key (resource_id, version)
);
