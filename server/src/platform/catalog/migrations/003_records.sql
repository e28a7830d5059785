-- A resource's records: one JSONB row per record, its L4 fields sealed with SM4, and its key
-- fields looked up through blind indexes (HMAC-SM3), so even an encrypted 身份证号 is a key.
-- JSONB rather than a table per resource: resources are registered at run time with schemas
-- that change by version, which per-resource DDL would turn into run-time migrations.
create table data_records (
  resource_id text not null references data_resources (id),
  record_key text not null,
  data jsonb not null,
  sealed bytea,
  key_version integer,
  schema_version integer not null,
  updated_at timestamptz not null default now(),
  primary key (resource_id, record_key)
);

create table data_record_keys (
  resource_id text not null,
  field text not null,
  value_index text not null,
  record_key text not null,
  primary key (resource_id, field, value_index, record_key)
);
create index data_record_keys_record on data_record_keys (resource_id, record_key);
