-- 电子签章 (P6.2): a PDF routed for sign-off, one after another or all at once; each signature
-- stamps the signer's seal and signs the resulting document (SM3 digest, SM2 with the signer's
-- own key), so every version stays verifiable.
create table signature_requests (
  id text primary key,
  title text not null,
  created_by text not null,
  org_id text not null,
  region_code text not null,
  mode text not null check (mode in ('sequential', 'parallel')),
  status text not null check (status in ('pending', 'completed', 'declined', 'cancelled')),
  deadline timestamptz,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index signature_requests_creator on signature_requests (created_by, created_at desc);

create table signature_signers (
  request_id text not null references signature_requests (id),
  account_id text not null,
  position integer not null,
  status text not null check (status in ('pending', 'signed', 'declined')),
  acted_at timestamptz,
  reason text,
  version_no integer,
  primary key (request_id, account_id)
);
create index signature_signers_account on signature_signers (account_id, status);

create table signature_versions (
  request_id text not null references signature_requests (id),
  version_no integer not null,
  content bytea not null,
  sm3 text not null,
  signed_by text,
  signature text,
  public_key text,
  created_at timestamptz not null default now(),
  primary key (request_id, version_no)
);
create index signature_versions_sm3 on signature_versions (sm3);

-- each signer's SM2 key pair, the private key sealed with the platform's SM4 data key
create table signer_keys (
  account_id text primary key,
  public_key text not null,
  private_sealed bytea not null,
  created_at timestamptz not null default now()
);
