-- P9.2 data keys for SM4 sealing of L4 fields, each wrapped by the node's master key (kept
-- outside the database: ZHILI_MASTER_KEY, or master.key in the data directory).
create table crypto_data_keys (
  version integer primary key,
  wrapped bytea not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
