-- P2.3 数据归集: a load is staged first (rows checked, sealed and indexed as they stream in),
-- then published into data_records in one transaction, so a load is never half-written.
create table data_staging (
  load_id text not null,
  row_no integer not null,
  record_key text not null,
  data jsonb not null,
  sealed bytea,
  key_version integer,
  schema_version integer not null,
  primary key (load_id, record_key)
);

create table data_staging_keys (
  load_id text not null,
  field text not null,
  value_index text not null,
  record_key text not null
);
create index data_staging_keys_value on data_staging_keys (load_id, field, value_index);

-- When the resource's records last changed (freshness, a quality rule).
alter table data_resources add column records_updated_at timestamptz;
