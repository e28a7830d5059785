-- P4 公共数据开放: API keys of the Portal's users, and their applications for conditionally
-- open datasets (有条件开放申请).

-- A key's secret is shown once; only its SM3 hash is kept.
create table open_api_keys (
  id text primary key,
  account_id text not null,
  account_kind text not null,
  account_name text not null,
  name text not null,
  prefix text not null,
  secret_hash text not null unique,
  calls bigint not null default 0,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index open_api_keys_account on open_api_keys (account_id, created_at desc);

create table open_applications (
  id text primary key,
  resource_id text not null,
  dataset_name text not null,
  dataset_title text not null,
  owner_org_id text not null,
  owner_org_name text not null,
  owner_region_code text,
  applicant_id text not null,
  applicant_kind text not null,
  applicant_name text not null,
  purpose text not null,
  scenario text not null,
  contact text not null,
  status text not null check (status in ('pending', 'approved', 'rejected')),
  reason text,
  decided_by text,
  decided_by_name text,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create index open_applications_applicant on open_applications (applicant_id, created_at desc);
create index open_applications_owner on open_applications (owner_org_id, status, created_at desc);
create index open_applications_access on open_applications (applicant_id, resource_id) where status = 'approved';
