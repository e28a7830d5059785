-- 行政区划 GB/T 2260
create table regions (
  code text primary key,
  name text not null,
  level text not null check (level in ('province', 'city', 'county', 'township', 'village')),
  parent_code text references regions (code)
);
create index regions_parent on regions (parent_code);

-- 组织机构: every kind of P1.2, each in a region
create table orgs (
  id text primary key,
  slug text unique,
  name text not null,
  kind text not null,
  region_code text not null references regions (code),
  parent_org_id text references orgs (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index orgs_region on orgs (region_code);

-- 内设机构
create table org_units (
  id text primary key,
  org_id text not null references orgs (id),
  slug text,
  name text not null,
  parent_unit_id text references org_units (id),
  created_at timestamptz not null default now(),
  unique (org_id, slug)
);
create index org_units_org on org_units (org_id);

-- Staff, citizens (身份证号) and enterprises (统一社会信用代码)
create table accounts (
  id text primary key,
  kind text not null check (kind in ('staff', 'citizen', 'enterprise')),
  username text not null unique,
  display_name text not null,
  id_number text unique,
  phone text,
  region_code text references regions (code),
  org_id text references orgs (id),
  unit_id text references org_units (id),
  position text,
  status text not null default 'active' check (status in ('active', 'disabled')),
  password_hash text not null,
  must_change_password boolean not null default false,
  clearance text not null default 'L1' check (clearance in ('L1', 'L2', 'L3', 'L4')),
  real_name_level integer not null default 1,
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);
create index accounts_org on accounts (org_id);
create index accounts_kind on accounts (kind, created_at);

create table role_grants (
  id text primary key,
  account_id text not null references accounts (id),
  role text not null,
  org_id text references orgs (id),
  region_code text references regions (code),
  created_at timestamptz not null default now()
);
create index role_grants_account on role_grants (account_id);

-- Cookie sessions; the token is stored only as its SHA-256.
create table sessions (
  token_hash text primary key,
  id text not null unique,
  account_id text not null references accounts (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  ip text,
  user_agent text,
  ended_at timestamptz
);
create index sessions_account on sessions (account_id) where ended_at is null;

-- Login throttling: consecutive failures per username, and the lockout they cause.
create table login_throttle (
  username text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure_at timestamptz
);
create table login_failures_by_ip (
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_by_ip_ip on login_failures_by_ip (ip, at);
