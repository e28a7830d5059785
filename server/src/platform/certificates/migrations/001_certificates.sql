-- P9.3 电子证照: certificates an organisation issues (the PDF as issued, its SM3 digest and the
-- organisation's SM2 signature over it), and each organisation's signing key.

-- One SM2 key pair per organisation, made on its first certificate. The private key is sealed
-- with the key ring (SM4); the public key is in clear, for anyone verifying.
create table certificate_signing_keys (
  id text primary key,
  org_id text not null,
  public_key text not null,
  private_sealed bytea not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
-- the key an organisation signs with now; retired keys still verify what they signed
create unique index certificate_signing_keys_active on certificate_signing_keys (org_id) where retired_at is null;

create table certificates (
  id text primary key,
  serial_no text not null unique,
  org_id text not null,
  kind text not null,
  holder_account_id text not null,
  holder_name text not null,
  -- the ID number is kept only masked, as printed: the certificate never needs it whole again
  holder_id_masked text not null,
  fields jsonb not null,
  case_ref text,
  pdf bytea not null,
  digest text not null,
  signature text not null,
  key_id text not null references certificate_signing_keys (id),
  status text not null default 'valid' check (status in ('valid', 'revoked')),
  issued_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  revoked_by text
);
create index certificates_holder on certificates (holder_account_id, issued_at desc);
create index certificates_org on certificates (org_id, issued_at desc);
