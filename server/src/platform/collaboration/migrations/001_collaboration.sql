-- P3.4 业务协同: a department offers a service instead of raw data — a question answered over
-- its own resource ("is this person married?" → yes/no) or its own HTTP endpoint — called by
-- others through the data gateway, under grants, in the same log.
create table collab_services (
  id text primary key,
  org_id text not null,
  code text not null unique,
  name text not null,
  description text not null default '',
  share_type text not null check (share_type in ('unconditional', 'conditional')),
  kind text not null check (kind in ('query', 'http')),
  resource_id text,
  key_field text,
  answer jsonb,
  url text,
  auth_sealed bytea,
  auth_key_version integer,
  timeout_ms integer not null default 5000,
  rate_limit integer not null default 600,
  status text not null default 'active' check (status in ('active', 'retired')),
  created_by text,
  created_at timestamptz not null default now()
);
create index collab_services_org on collab_services (org_id);

create table collab_requests (
  id text primary key,
  service_id text not null references collab_services (id),
  owner_org_id text not null,
  consumer_org_id text not null,
  item_id text not null,
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
create index collab_requests_owner on collab_requests (owner_org_id, requested_at desc);
create index collab_requests_consumer on collab_requests (consumer_org_id, requested_at desc);
-- an approved request is the grant the gateway honours
create index collab_requests_granted on collab_requests (service_id, consumer_org_id) where status = 'approved';
