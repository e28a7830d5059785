-- P3.2 a grant's terms: clear text (no masking) for the fields granted so, its own rate limit,
-- a validity, and — for flow-back 数据回流 — the region whose records alone it reads.
alter table share_requests add column clear_text boolean not null default false;
alter table share_requests add column flow_back boolean not null default false;
alter table share_requests add column valid_until date;
alter table share_grants add column clear_text boolean not null default false;
alter table share_grants add column rate_limit integer;
alter table share_grants add column expires_at timestamptz;
alter table share_grants add column region_prefix text;
