-- 审计日志: append-only, each entry chained to the previous one by SM3.
create table audit_log (
  seq bigint primary key,
  id text not null unique,
  at timestamptz not null,
  actor_id text,
  actor_kind text not null,
  actor_name text not null,
  action text not null,
  outcome text not null check (outcome in ('ok', 'refused', 'failed')),
  target_type text,
  target_id text,
  org_id text,
  region_code text,
  ip text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_action on audit_log (action, seq);
create index audit_log_region on audit_log (region_code, seq);

-- The chain's head: one row, locked by each append so entries are numbered without gaps.
create table audit_head (
  id integer primary key check (id = 1),
  seq bigint not null,
  hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

-- SM2-signed checkpoints of the head, so truncation and rewriting are caught.
create table audit_checkpoints (
  seq bigint primary key,
  hash text not null,
  signature text not null,
  public_key text not null,
  signed_at timestamptz not null default now()
);
