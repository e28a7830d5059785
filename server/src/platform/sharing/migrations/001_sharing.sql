-- P3.1 共享申请: a consuming organisation asks for named fields of a resource for one of its
-- V-model items; the grant that comes of it is what the gateway will honour.
create table share_requests (
  id text primary key,
  resource_id text not null,
  owner_org_id text not null,
  consumer_org_id text not null,
  item_id text not null,
  fields jsonb not null,
  purpose text not null,
  legal_basis text not null,
  status text not null check (status in ('pending', 'approved', 'rejected')),
  automatic boolean not null default false,
  instance_id text,
  reason text,
  requested_by text,
  requested_at timestamptz not null default now(),
  decided_at timestamptz
);
create index share_requests_owner on share_requests (owner_org_id, requested_at desc);
create index share_requests_consumer on share_requests (consumer_org_id, requested_at desc);

create table share_grants (
  id text primary key,
  request_id text not null references share_requests (id),
  resource_id text not null,
  consumer_org_id text not null,
  item_id text not null,
  fields jsonb not null,
  status text not null check (status in ('active', 'revoked')),
  granted_at timestamptz not null default now()
);
create index share_grants_consumer on share_grants (consumer_org_id, resource_id) where status = 'active';

-- The approval item (数据共享申请审批) each owner organisation gets in its V-model on first use.
create table share_approval_items (
  org_id text primary key,
  item_id text not null
);
