-- 业务协同模型 (the V-model's left leg): core business → module → unit → item, per organisation.
create table model_nodes (
  id text primary key,
  org_id text not null,
  level text not null check (level in ('core', 'module', 'unit', 'item')),
  parent_id text references model_nodes (id),
  name text not null,
  item_type text check (item_type in ('governance', 'service')),
  collaborator_org_ids jsonb not null default '[]',
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((level = 'item') = (item_type is not null)),
  check ((level = 'core') = (parent_id is null))
);
create index model_nodes_tree on model_nodes (org_id, parent_id, sort_order);
create unique index model_nodes_sibling_names on model_nodes (org_id, coalesce(parent_id, ''), name);

-- Excel imports run in the background; people watch their progress.
create table model_import_jobs (
  id text primary key,
  org_id text not null,
  status text not null check (status in ('validating', 'invalid', 'importing', 'done', 'failed')),
  processed_rows integer not null default 0,
  total_rows integer not null default 0,
  errors jsonb not null default '[]',
  summary jsonb,
  created_by text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
