-- P5.2 an item's definition: its process and form, each versioned; a deployed version never
-- changes (running instances keep theirs), plus indicators and data needs.
create table item_process_versions (
  id text primary key,
  item_id text not null references model_nodes (id),
  version integer not null,
  process_key text not null,
  bpmn_xml text not null,
  sha256 text not null,
  deployed_by text,
  deployed_at timestamptz not null default now(),
  unique (item_id, version)
);

create table item_form_versions (
  id text primary key,
  item_id text not null references model_nodes (id),
  version integer not null,
  schema jsonb not null,
  ui_schema jsonb not null default '{}',
  sha256 text not null,
  deployed_by text,
  deployed_at timestamptz not null default now(),
  unique (item_id, version)
);

create table item_profiles (
  item_id text primary key references model_nodes (id),
  indicators jsonb not null default '[]',
  data_needs jsonb not null default '[]',
  updated_at timestamptz not null default now()
);
