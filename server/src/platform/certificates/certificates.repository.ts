import { sql } from 'kysely';
import type { Executor } from '../../kernel/index.ts';

export interface SigningKeyRow {
  id: string;
  org_id: string;
  public_key: string;
  private_sealed: Uint8Array;
}

export interface CertificateRow {
  id: string;
  serial_no: string;
  org_id: string;
  kind: string;
  holder_account_id: string;
  holder_name: string;
  holder_id_masked: string;
  fields: { label: string; value: string }[];
  case_ref: string | null;
  digest: string;
  signature: string;
  key_id: string;
  status: 'valid' | 'revoked';
  issued_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface CertificateWithPdf extends CertificateRow {
  pdf: Uint8Array;
}

// Everything but the PDF bytes, for lists and checks that do not need them.
const columns = sql.raw(`id, serial_no, org_id, kind, holder_account_id, holder_name, holder_id_masked, fields, case_ref, digest,
  signature, key_id, status, issued_at, revoked_at, revoked_reason`);

export async function activeSigningKey(db: Executor, orgId: string): Promise<SigningKeyRow | undefined> {
  return (
    await sql<SigningKeyRow>`select id, org_id, public_key, private_sealed from certificate_signing_keys
      where org_id = ${orgId} and retired_at is null`.execute(db)
  ).rows[0];
}

/** Inserts an organisation's first key; another transaction making one at the same time wins and this does nothing. */
export async function insertSigningKey(
  db: Executor,
  key: { id: string; orgId: string; publicKey: string; privateSealed: Buffer },
): Promise<void> {
  await sql`insert into certificate_signing_keys (id, org_id, public_key, private_sealed)
    values (${key.id}, ${key.orgId}, ${key.publicKey}, ${key.privateSealed})
    on conflict (org_id) where retired_at is null do nothing`.execute(db);
}

export async function publicKeyOf(db: Executor, keyId: string): Promise<string | undefined> {
  return (await sql<{ public_key: string }>`select public_key from certificate_signing_keys where id = ${keyId}`.execute(db)).rows[0]
    ?.public_key;
}

export async function insertCertificate(
  db: Executor,
  c: {
    id: string;
    serialNo: string;
    orgId: string;
    kind: string;
    holderAccountId: string;
    holderName: string;
    holderIdMasked: string;
    fields: { label: string; value: string }[];
    caseRef: string | null;
    pdf: Buffer;
    digest: string;
    signature: string;
    keyId: string;
    issuedAt: Date;
  },
): Promise<void> {
  await sql`insert into certificates (id, serial_no, org_id, kind, holder_account_id, holder_name, holder_id_masked, fields, case_ref,
      pdf, digest, signature, key_id, issued_at)
    values (${c.id}, ${c.serialNo}, ${c.orgId}, ${c.kind}, ${c.holderAccountId}, ${c.holderName}, ${c.holderIdMasked},
      ${JSON.stringify(c.fields)}::jsonb, ${c.caseRef}, ${c.pdf}, ${c.digest}, ${c.signature}, ${c.keyId}, ${c.issuedAt.toISOString()})`.execute(
    db,
  );
}

export async function findCertificate(db: Executor, id: string): Promise<CertificateRow | undefined> {
  return (await sql<CertificateRow>`select ${columns} from certificates where id = ${id}`.execute(db)).rows[0];
}

export async function findCertificateWithPdf(db: Executor, id: string): Promise<CertificateWithPdf | undefined> {
  return (await sql<CertificateWithPdf>`select ${columns}, pdf from certificates where id = ${id}`.execute(db)).rows[0];
}

export async function findBySerial(db: Executor, serialNo: string): Promise<CertificateWithPdf | undefined> {
  return (await sql<CertificateWithPdf>`select ${columns}, pdf from certificates where serial_no = ${serialNo}`.execute(db)).rows[0];
}

export async function listByHolder(db: Executor, accountId: string): Promise<CertificateRow[]> {
  return (
    await sql<CertificateRow>`select ${columns} from certificates where holder_account_id = ${accountId}
      order by issued_at desc, id limit 1000`.execute(db)
  ).rows;
}

/** An organisation's certificates, newest first; `q` matches the serial, the kind or the 办件 number. */
export async function listByOrg(db: Executor, orgId: string, q: string | undefined, limit: number): Promise<CertificateRow[]> {
  const like = q ? `%${q.replace(/[%_\\]/g, '\\$&')}%` : null;
  return (
    await sql<CertificateRow>`select ${columns} from certificates where org_id = ${orgId}
      and (${like}::text is null or serial_no ilike ${like} or kind ilike ${like} or case_ref ilike ${like})
      order by issued_at desc, id limit ${limit}`.execute(db)
  ).rows;
}

/** valid → revoked; undefined when it was not valid (already revoked). */
export async function markRevoked(
  db: Executor,
  id: string,
  revocation: { reason: string; by: string | null },
): Promise<CertificateRow | undefined> {
  return (
    await sql<CertificateRow>`update certificates set status = 'revoked', revoked_at = now(), revoked_reason = ${revocation.reason},
        revoked_by = ${revocation.by}
      where id = ${id} and status = 'valid' returning ${columns}`.execute(db)
  ).rows[0];
}
