-- P2.5 数据异议: a consumer flags a record it believes wrong; the owner answers within a deadline.
-- The record's key is sealed (SM4): the owner opens it to find the record, the consumer sees it masked.
create table data_objections (
  id text primary key,
  resource_id text not null,
  owner_org_id text not null,
  consumer_org_id text not null,
  key_field text not null,
  key_masked text not null,
  key_sealed bytea not null,
  key_version integer not null,
  field text,
  description text not null,
  status text not null check (status in ('open', 'accepted', 'rejected')),
  answer text,
  corrected boolean not null default false,
  instance_id text not null,
  raised_by text,
  raised_at timestamptz not null default now(),
  answered_at timestamptz
);
create index data_objections_owner on data_objections (owner_org_id, raised_at desc);
create index data_objections_consumer on data_objections (consumer_org_id, raised_at desc);
