-- S2.1 政务服务事项: each service as its 办事指南 describes it. The guide's detail is one JSONB
-- document (it is read whole, written whole, versioned by its administrators); what lists and
-- filters use has its own column.
create table service_items (
  code text primary key,
  name text not null,
  type text not null,
  org_id text not null,
  level text not null check (level in ('province', 'city', 'county')),
  audience text not null check (audience in ('citizen', 'enterprise', 'both')),
  theme text not null,
  online_depth text not null,
  guide jsonb not null,
  -- the V-model item whose process and form run its applications (set when it is configured)
  item_id text,
  usage_count integer not null default 0,
  status text not null default 'active' check (status in ('active', 'retired')),
  updated_by text,
  updated_at timestamptz not null default now()
);
create index service_items_org on service_items (org_id) where status = 'active';
create index service_items_theme on service_items (theme) where status = 'active';
