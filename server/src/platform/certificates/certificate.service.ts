import { randomBytes } from 'node:crypto';
import {
  AppError,
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  serviceActor,
  UnauthenticatedError,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { newSealedKeyPair, openPrivateKey, sm2Sign, sm2Verify, sm3Hex, type KeyRing } from '../crypto/index.ts';
import { maskResidentId, type IdentityStore } from '../identity/index.ts';
import { findSerial, renderCertificate, serialPattern } from './certificate-pdf.ts';
import * as repo from './certificates.repository.ts';
import { issueInput, type CertificateSummary, type IssueInput, type VerifyAnswer } from './certificates.schemas.ts';

/** GM/T 0009 default user ID for SM2 signatures. */
const serialAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32
/** Issues come from workflow service tasks, not from a person at a screen. */
const issuer = serviceActor('zhili-certificates', '电子证照系统');

/**
 * P9.3 电子证照: certificates an organisation issues at the end of a case — a PDF with the
 * certificate's content, a QR code to the public verify page and the organisation's e-seal,
 * signed with the organisation's own SM2 key over the SM3 digest of its exact bytes. The
 * holder keeps it in their wallet; anyone may check a copy, by serial or by uploading it.
 */
export class CertificateService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly keys: KeyRing;
  private readonly publicUrl: string;

  constructor(deps: { db: Database; audit: AuditLog; identity: IdentityStore; keys: KeyRing; publicUrl: string }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.keys = deps.keys;
    this.publicUrl = deps.publicUrl.replace(/\/+$/, '');
  }

  /**
   * Issues a certificate inside the caller's transaction (a workflow service task's): every
   * read and write goes through `tx` — PGlite has one connection, which `tx` holds.
   */
  async issue(tx: Executor, input: IssueInput): Promise<{ id: string; serialNo: string }> {
    const parsed = issueInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError('certificates.invalid_issue', { reason: `${issue.path.join('.')}: ${issue.message}` });
    }
    const certificate = parsed.data;
    const org = await this.identity.findOrg(certificate.orgId, tx);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId: certificate.orgId });
    const key = await this.signingKey(tx, org.id);

    const id = newId('cert');
    const serialNo = newSerial();
    const issuedAt = new Date();
    const holderIdMasked = maskResidentId(certificate.holderIdNumber);
    const pdf = await renderCertificate({
      serialNo,
      kind: certificate.kind,
      orgName: org.name,
      holderName: certificate.holderName,
      holderIdMasked,
      fields: certificate.fields,
      caseRef: certificate.caseRef,
      issuedAt,
      verifyUrl: this.verifyUrl(serialNo),
      verifyPageUrl: `${this.publicUrl}/verify`,
    });
    const digest = sm3Hex(pdf);
    const signature = sm2Sign(digest, key);
    await repo.insertCertificate(tx, {
      id,
      serialNo,
      orgId: org.id,
      kind: certificate.kind,
      holderAccountId: certificate.holderAccountId,
      holderName: certificate.holderName,
      holderIdMasked,
      fields: certificate.fields,
      caseRef: certificate.caseRef ?? null,
      pdf,
      digest,
      signature,
      keyId: key.id,
      issuedAt,
    });
    await this.audit.record(
      {
        actor: issuer,
        action: 'certificate.issue',
        targetType: 'certificate',
        targetId: id,
        orgId: org.id,
        regionCode: org.regionCode,
        details: { serialNo, kind: certificate.kind, holderAccountId: certificate.holderAccountId, caseRef: certificate.caseRef ?? null },
      },
      tx,
    );
    return { id, serialNo };
  }

  /** The organisation's SM2 key pair, made and sealed on its first certificate. */
  private async signingKey(tx: Executor, orgId: string): Promise<{ id: string; publicKey: string; privateKey: string }> {
    let row = await repo.activeSigningKey(tx, orgId);
    if (!row) {
      const pair = await newSealedKeyPair(this.keys, tx);
      await repo.insertSigningKey(tx, { id: newId('csk'), orgId, publicKey: pair.publicKey, privateSealed: pair.privateSealed });
      row = (await repo.activeSigningKey(tx, orgId))!;
    }
    const privateKey = await openPrivateKey(this.keys, row.private_sealed, tx);
    return { id: row.id, publicKey: row.public_key, privateKey };
  }

  /** The caller's own certificates (电子证照 wallet). */
  async wallet(actor: Actor): Promise<{ items: CertificateSummary[] }> {
    if (actor.kind === 'anonymous' || !actor.accountId) throw new UnauthenticatedError();
    const rows = await repo.listByHolder(this.db.kysely, actor.accountId);
    const names = new Map((await this.identity.orgsByIds([...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return { items: rows.map((r) => this.summary(r, names.get(r.org_id) ?? r.org_id)) };
  }

  /** The certificates the caller's organisation issued (to find one to revoke): those who may revoke them. */
  async issued(actor: Actor, query: { q?: string | undefined; limit: number }): Promise<{ items: CertificateSummary[] }> {
    if (!actor.orgId) throw new ForbiddenError('access.forbidden', { permission: 'certificate.revoke' });
    const org = await this.identity.findOrg(actor.orgId);
    requirePermission(actor, 'certificate.revoke', { orgId: actor.orgId, regionCode: org?.regionCode ?? null });
    const rows = await repo.listByOrg(this.db.kysely, actor.orgId, query.q, query.limit);
    return { items: rows.map((r) => this.summary(r, org?.name ?? r.org_id)) };
  }

  /** The PDF as issued: for its holder, or for staff of the issuing organisation. */
  async pdf(actor: Actor, id: string): Promise<{ name: string; content: Buffer }> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError();
    const row = await repo.findCertificateWithPdf(this.db.kysely, id);
    if (!row) throw new NotFoundError('certificates.not_found', { id });
    const org = await this.identity.findOrg(row.org_id);
    const holder = actor.accountId !== null && actor.accountId === row.holder_account_id;
    const issuingStaff =
      actor.orgId === row.org_id && can(actor, 'workbench.use', { orgId: row.org_id, regionCode: org?.regionCode ?? null });
    if (!holder && !issuingStaff) throw new ForbiddenError('access.forbidden', { certificateId: id });
    await this.audit.record({
      actor,
      action: 'certificate.download',
      targetType: 'certificate',
      targetId: row.id,
      orgId: row.org_id,
      regionCode: org?.regionCode ?? null,
      details: { serialNo: row.serial_no, as: holder ? 'holder' : 'issuer' },
    });
    return { name: `${row.kind}-${row.serial_no}.pdf`, content: Buffer.from(row.pdf) };
  }

  /** Public, from the QR code: is the certificate with this serial as issued, and still valid? */
  async verifyBySerial(serialNo: string): Promise<VerifyAnswer> {
    const normalized = serialNo.replace(/[\s-]+/g, '').toUpperCase();
    if (!new RegExp(`^${serialPattern.source}$`).test(normalized)) return { status: 'unknown' };
    const row = await repo.findBySerial(this.db.kysely, normalized);
    if (!row) return { status: 'unknown' };
    // The stored bytes are checked too: a row changed in the database no longer matches its signature.
    const intact = sm3Hex(Buffer.from(row.pdf)) === row.digest && (await this.signatureHolds(row));
    return this.answer(row, intact ? undefined : 'tampered');
  }

  /** Public: someone was given a PDF — is it, byte for byte, a certificate that was issued, and still valid? */
  async verifyPdf(content: Buffer): Promise<VerifyAnswer> {
    if (!isPdf(content)) throw new AppError(415, 'certificates.not_a_pdf');
    const serialNo = await findSerial(content);
    if (!serialNo) return { status: 'unknown' };
    const row = await repo.findBySerial(this.db.kysely, serialNo);
    if (!row) return { status: 'unknown' };
    const intact = sm3Hex(content) === row.digest && (await this.signatureHolds(row));
    return this.answer(row, intact ? undefined : 'tampered');
  }

  /** valid → revoked, by those who hold 'certificate.revoke' in the issuing organisation itself. */
  async revoke(actor: Actor, id: string, reason: string): Promise<CertificateSummary> {
    const row = await repo.findCertificate(this.db.kysely, id);
    if (!row) throw new NotFoundError('certificates.not_found', { id });
    const org = await this.identity.findOrg(row.org_id);
    requirePermission(actor, 'certificate.revoke', { orgId: row.org_id, regionCode: org?.regionCode ?? null });
    if (actor.orgId !== row.org_id) throw new ForbiddenError('access.forbidden', { permission: 'certificate.revoke' });
    const trimmed = reason.trim();
    if (trimmed.length < 2 || trimmed.length > 200) throw new ValidationError('certificates.reason_length');
    const revoked = await this.db.kysely.transaction().execute(async (tx) => {
      const updated = await repo.markRevoked(tx, id, { reason: trimmed, by: actor.accountId });
      if (!updated) throw new ConflictError('certificates.already_revoked', { id, serialNo: row.serial_no });
      await this.audit.record(
        {
          actor,
          action: 'certificate.revoke',
          targetType: 'certificate',
          targetId: id,
          orgId: row.org_id,
          regionCode: org?.regionCode ?? null,
          details: { serialNo: row.serial_no, reason: trimmed },
        },
        tx,
      );
      return updated;
    });
    return this.summary(revoked, org?.name ?? row.org_id);
  }

  private async signatureHolds(row: repo.CertificateRow): Promise<boolean> {
    const publicKey = await repo.publicKeyOf(this.db.kysely, row.key_id);
    return publicKey ? sm2Verify(row.digest, row.signature, publicKey) : false;
  }

  private async answer(row: repo.CertificateRow, problem: 'tampered' | undefined): Promise<VerifyAnswer> {
    const org = await this.identity.findOrg(row.org_id);
    const revoked = row.status === 'revoked';
    return {
      status: problem ?? (revoked ? 'revoked' : 'authentic'),
      certificate: {
        serialNo: row.serial_no,
        kind: row.kind,
        orgName: org?.name ?? '',
        holderName: maskHolderName(row.holder_name),
        issuedAt: row.issued_at,
        ...(revoked ? { revokedAt: row.revoked_at ?? undefined, revokedReason: row.revoked_reason ?? undefined } : {}),
      },
    };
  }

  private summary(row: repo.CertificateRow, orgName: string): CertificateSummary {
    return {
      id: row.id,
      serialNo: row.serial_no,
      kind: row.kind,
      orgId: row.org_id,
      orgName,
      holderName: row.holder_name,
      holderIdMasked: row.holder_id_masked,
      fields: row.fields,
      caseRef: row.case_ref,
      status: row.status,
      issuedAt: row.issued_at,
      revokedAt: row.revoked_at,
      revokedReason: row.revoked_reason,
      verifyUrl: this.verifyUrl(row.serial_no),
    };
  }

  private verifyUrl(serialNo: string): string {
    return `${this.publicUrl}/verify/${serialNo}`;
  }
}

function newSerial(): string {
  let out = 'DZZZ';
  for (const byte of randomBytes(16)) out += serialAlphabet[byte & 31];
  return out;
}

/** A PDF starts with %PDF- (readers accept it anywhere in the first 1024 bytes). */
function isPdf(content: unknown): content is Buffer {
  return Buffer.isBuffer(content) && content.length > 0 && content.subarray(0, 1024).includes('%PDF-');
}

/** `王小明` → `王*明`, `王明` → `王*`, `欧阳小明` → `欧**明`: the first and (from three on) the last character kept. */
export function maskHolderName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
