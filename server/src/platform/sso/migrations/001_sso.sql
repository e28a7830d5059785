-- Registered relying parties (apps that log in through Zhili).
create table oidc_clients (
  client_id text primary key,
  name text not null,
  metadata jsonb not null,
  owner_org_id text,
  created_by text,
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- oidc-provider's models (sessions, grants, codes, tokens …), one table for all.
create table oidc_payloads (
  id text not null,
  type text not null,
  payload jsonb not null,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  primary key (type, id)
);
create index oidc_payloads_grant on oidc_payloads (grant_id);
create index oidc_payloads_uid on oidc_payloads (uid);
create index oidc_payloads_user_code on oidc_payloads (user_code);
create index oidc_payloads_expires on oidc_payloads (expires_at);
