import { sql } from 'kysely';
import { z } from 'zod';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { stampPersonalSeal } from '../certificates/index.ts';
import { newSealedKeyPair, openPrivateKey, sm2Sign, sm2Verify, sm3Hex, type KeyRing } from '../crypto/index.ts';
import type { NotifyInput } from '../notifications/index.ts';

export const createRequestBody = z.strictObject({
  title: z.string().trim().min(2).max(100),
  /** a PDF uploaded first through /api/v1/workflow/attachments */
  attachmentId: z.string().regex(/^att_[0-9a-z]{26}$/, 'workflow.attachment_not_found'),
  signers: z
    .array(z.string().regex(/^acc_[0-9a-z]{26}$/, 'identity.invalid_id'))
    .min(1, 'signatures.no_signers')
    .max(20),
  mode: z.enum(['sequential', 'parallel']),
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export const signBody = z.strictObject({
  /** re-authentication: the signer's password, checked again for every signature */
  password: z.string().min(1, 'signatures.reauth_required').max(200),
  page: z.number().int().min(0).max(9999).optional(),
  x: z.number().min(0).max(3000).optional(),
  y: z.number().min(0).max(3000).optional(),
});
export const declineBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

interface RequestRow {
  id: string;
  title: string;
  created_by: string;
  org_id: string;
  region_code: string;
  mode: 'sequential' | 'parallel';
  status: 'pending' | 'completed' | 'declined' | 'cancelled';
  deadline: string | null;
  created_at: string;
  completed_at: string | null;
}
interface SignerRow {
  request_id: string;
  account_id: string;
  position: number;
  status: 'pending' | 'signed' | 'declined';
  acted_at: string | null;
  reason: string | null;
  version_no: number | null;
  display_name: string;
  org_name: string | null;
}

/**
 * 电子签章 (P6.2): a PDF routed for sign-off. Each signer confirms with their password, the
 * server stamps their name seal on the page and signs the new document's SM3 digest with the
 * signer's own SM2 key; every version is kept, so each signature can be verified afterwards.
 */
export class SignatureService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly keys: KeyRing;
  private readonly readPdf: (actor: Actor, attachmentId: string) => Promise<{ mimeType: string; content: Buffer; uploadedBy: string }>;
  private readonly unreachable: (actor: Actor, ids: string[]) => Promise<string[]>;
  private readonly confirmPassword: (actor: Actor, password: string) => Promise<void>;
  private readonly notify: (tx: Executor, input: NotifyInput) => Promise<number>;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    keys: KeyRing;
    readPdf: (actor: Actor, attachmentId: string) => Promise<{ mimeType: string; content: Buffer; uploadedBy: string }>;
    unreachable: (actor: Actor, ids: string[]) => Promise<string[]>;
    confirmPassword: (actor: Actor, password: string) => Promise<void>;
    notify: (tx: Executor, input: NotifyInput) => Promise<number>;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.keys = deps.keys;
    this.readPdf = deps.readPdf;
    this.unreachable = deps.unreachable;
    this.confirmPassword = deps.confirmPassword;
    this.notify = deps.notify;
  }

  async create(actor: Actor, input: z.infer<typeof createRequestBody>) {
    requirePermission(actor, 'workbench.use');
    if (!actor.accountId || !actor.orgId || !actor.regionCode) throw new ForbiddenError('access.forbidden');
    if (input.deadline && Date.parse(input.deadline) <= Date.now()) throw new ValidationError('signatures.deadline_past');
    const signers = [...new Set(input.signers)];
    if (signers.length !== input.signers.length) throw new ValidationError('signatures.duplicate_signer');
    const out = await this.unreachable(actor, signers);
    if (out.length) throw new ForbiddenError('signatures.signer_unreachable', { accountIds: out });
    const file = await this.readPdf(actor, input.attachmentId);
    if (file.mimeType !== 'application/pdf') throw new AppError(415, 'signatures.pdf_only', { mimeType: file.mimeType });
    const id = newId('sig');
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .insertInto('signature_requests')
        .values({
          id,
          title: input.title,
          created_by: actor.accountId,
          org_id: actor.orgId,
          region_code: actor.regionCode,
          mode: input.mode,
          status: 'pending',
          deadline: input.deadline ?? null,
        })
        .execute();
      await tx
        .insertInto('signature_signers')
        .values(signers.map((account_id, position) => ({ request_id: id, account_id, position, status: 'pending' })))
        .execute();
      await tx
        .insertInto('signature_versions')
        .values({ request_id: id, version_no: 0, content: file.content, sm3: sm3Hex(file.content) })
        .execute();
      await this.tellNext(tx, id, input.title, input.mode === 'sequential' ? signers.slice(0, 1) : signers, actor.displayName);
      await this.audit.record(
        {
          actor,
          action: 'signature.request',
          targetType: 'signature_request',
          targetId: id,
          orgId: actor.orgId,
          details: { signers, mode: input.mode },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  private tellNext(tx: Executor, id: string, title: string, recipients: string[], from: string) {
    return this.notify(tx, {
      recipients,
      topic: 'signature.request',
      title: `待签署：${title}`,
      body: `${from} 请您签署文件「${title}」。`,
      link: `/workbench/signatures/${id}`,
      sourceType: 'signature_request',
      sourceId: id,
      dedupeKey: `sign:${id}`,
    });
  }

  async list(actor: Actor, view: 'todo' | 'mine' | 'done') {
    requirePermission(actor, 'workbench.use');
    const me = actor.accountId!;
    const where =
      view === 'mine'
        ? sql`r.created_by = ${me}`
        : view === 'todo'
          ? sql`r.status = 'pending' and exists (select 1 from signature_signers s where s.request_id = r.id and s.account_id = ${me} and s.status = 'pending'
              and (r.mode = 'parallel' or s.position = (select min(position) from signature_signers p where p.request_id = r.id and p.status = 'pending')))`
          : sql`exists (select 1 from signature_signers s where s.request_id = r.id and s.account_id = ${me} and s.status <> 'pending')`;
    const rows = await sql<RequestRow & { signed: string; total: string; creator_name: string }>`
      select r.*, a.display_name as creator_name,
        (select count(*) from signature_signers s where s.request_id = r.id and s.status = 'signed') as signed,
        (select count(*) from signature_signers s where s.request_id = r.id) as total
      from signature_requests r join accounts a on a.id = r.created_by
      where ${where} order by r.created_at desc limit 100`.execute(this.db.kysely);
    return {
      items: rows.rows.map((r) => ({
        id: r.id,
        title: r.title,
        mode: r.mode,
        status: r.status,
        createdBy: r.creator_name,
        createdAt: r.created_at,
        deadline: r.deadline,
        signed: Number(r.signed),
        total: Number(r.total),
      })),
    };
  }

  private async load(actor: Actor, id: string, db: Executor = this.db.kysely) {
    const request = (await db.selectFrom('signature_requests').selectAll().where('id', '=', id).executeTakeFirst()) as
      RequestRow | undefined;
    if (!request) throw new NotFoundError('signatures.not_found', { id });
    const signers = (
      await sql<SignerRow>`select s.*, a.display_name, o.name as org_name from signature_signers s join accounts a on a.id = s.account_id
        left join orgs o on o.id = a.org_id where s.request_id = ${id} order by s.position`.execute(db)
    ).rows;
    const involved = request.created_by === actor.accountId || signers.some((s) => s.account_id === actor.accountId);
    if (!involved) throw new ForbiddenError('access.forbidden', { signatureRequest: id });
    return { request, signers };
  }

  /** Whose turn it is: in sequence the first pending signer; in parallel every pending one. */
  private due(request: RequestRow, signers: SignerRow[]): string[] {
    if (request.status !== 'pending') return [];
    const pending = signers.filter((s) => s.status === 'pending');
    return request.mode === 'sequential' ? pending.slice(0, 1).map((s) => s.account_id) : pending.map((s) => s.account_id);
  }

  async get(actor: Actor, id: string) {
    const { request, signers } = await this.load(actor, id);
    const versions = await this.db.kysely
      .selectFrom('signature_versions')
      .select(['version_no', 'sm3', 'signed_by', 'created_at'])
      .where('request_id', '=', id)
      .orderBy('version_no')
      .execute();
    const due = this.due(request, signers);
    return {
      id: request.id,
      title: request.title,
      mode: request.mode,
      status: request.status,
      deadline: request.deadline,
      createdAt: request.created_at,
      completedAt: request.completed_at,
      createdBy: request.created_by,
      mayCancel: request.created_by === actor.accountId && request.status === 'pending',
      maySign: due.includes(actor.accountId!),
      signers: signers.map((s) => ({
        accountId: s.account_id,
        displayName: s.display_name,
        orgName: s.org_name,
        position: s.position,
        status: s.status,
        actedAt: s.acted_at,
        reason: s.reason,
        versionNo: s.version_no,
        due: due.includes(s.account_id),
      })),
      versions: versions.map((v: { version_no: number; sm3: string; signed_by: string | null; created_at: string }) => ({
        versionNo: v.version_no,
        sm3: v.sm3,
        signedBy: v.signed_by,
        createdAt: v.created_at,
      })),
    };
  }

  async document(actor: Actor, id: string, version?: number): Promise<{ name: string; content: Buffer }> {
    const { request } = await this.load(actor, id);
    let q = this.db.kysely.selectFrom('signature_versions').select(['content', 'version_no']).where('request_id', '=', id);
    q = version === undefined ? q.orderBy('version_no', 'desc').limit(1) : q.where('version_no', '=', version);
    const row = await q.executeTakeFirst();
    if (!row) throw new NotFoundError('signatures.version_not_found', { id, version });
    return { name: `${request.title}-v${row.version_no}.pdf`, content: Buffer.from(row.content) };
  }

  async sign(actor: Actor, id: string, input: z.infer<typeof signBody>) {
    const { request, signers } = await this.load(actor, id);
    const me = signers.find((s) => s.account_id === actor.accountId);
    if (!me) throw new ForbiddenError('access.forbidden', { signatureRequest: id });
    if (request.status !== 'pending') throw new ConflictError('signatures.closed', { status: request.status });
    if (me.status !== 'pending') throw new ConflictError('signatures.already_acted');
    if (!this.due(request, signers).includes(me.account_id)) throw new ConflictError('signatures.not_your_turn');
    await this.confirmPassword(actor, input.password); // throws, audited, when wrong

    const signedAt = new Date();
    const signed = await this.db.kysely.transaction().execute(async (tx) => {
      // the newest version under a row lock: two parallel signers stamp one after the other
      await sql`select id from signature_requests where id = ${id} for update`.execute(tx);
      const latest = await tx
        .selectFrom('signature_versions')
        .select(['version_no', 'content'])
        .where('request_id', '=', id)
        .orderBy('version_no', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const fresh = await tx
        .selectFrom('signature_signers')
        .select('status')
        .where('request_id', '=', id)
        .where('account_id', '=', me.account_id)
        .executeTakeFirstOrThrow();
      if (fresh.status !== 'pending') throw new ConflictError('signatures.already_acted');
      const key = await this.signerKey(tx, me.account_id);
      const slot = signers.filter((s) => s.status === 'signed').length; // seals side by side, then a row up
      const content = await stampPersonalSeal(Buffer.from(latest.content), {
        name: me.display_name,
        orgName: me.org_name ?? '',
        signedAt,
        pageIndex: input.page ?? 9999,
        x: input.x ?? 100 + (slot % 4) * 125,
        y: input.y ?? 130 + Math.floor(slot / 4) * 100,
      });
      const digest = sm3Hex(content);
      const signature = sm2Sign(digest, key);
      const versionNo = latest.version_no + 1;
      await tx
        .insertInto('signature_versions')
        .values({
          request_id: id,
          version_no: versionNo,
          content,
          sm3: digest,
          signed_by: me.account_id,
          signature,
          public_key: key.publicKey,
        })
        .execute();
      await tx
        .updateTable('signature_signers')
        .set({ status: 'signed', acted_at: signedAt.toISOString(), version_no: versionNo })
        .where('request_id', '=', id)
        .where('account_id', '=', me.account_id)
        .execute();
      const left = signers.filter((s) => s.status === 'pending' && s.account_id !== me.account_id);
      if (!left.length) {
        await tx
          .updateTable('signature_requests')
          .set({ status: 'completed', completed_at: sql`now()` })
          .where('id', '=', id)
          .execute();
        await this.notify(tx, {
          recipients: [request.created_by],
          topic: 'signature.request',
          title: `已签署完毕：${request.title}`,
          body: `「${request.title}」全部签署完成。`,
          link: `/workbench/signatures/${id}`,
          sourceType: 'signature_request',
          sourceId: id,
          dedupeKey: `signed:${id}`,
        });
      } else if (request.mode === 'sequential') {
        await this.tellNext(tx, id, request.title, [left[0]!.account_id], actor.displayName);
      }
      await this.audit.record(
        { actor, action: 'signature.sign', targetType: 'signature_request', targetId: id, details: { versionNo, sm3: digest } },
        tx,
      );
      return { versionNo, sm3: digest };
    });
    return { ...(await this.get(actor, id)), signed };
  }

  async decline(actor: Actor, id: string, reason: string) {
    const { request, signers } = await this.load(actor, id);
    const me = signers.find((s) => s.account_id === actor.accountId);
    if (!me) throw new ForbiddenError('access.forbidden', { signatureRequest: id });
    if (request.status !== 'pending') throw new ConflictError('signatures.closed', { status: request.status });
    if (me.status !== 'pending') throw new ConflictError('signatures.already_acted');
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .updateTable('signature_signers')
        .set({ status: 'declined', acted_at: sql`now()`, reason })
        .where('request_id', '=', id)
        .where('account_id', '=', me.account_id)
        .execute();
      await tx
        .updateTable('signature_requests')
        .set({ status: 'declined', completed_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      await this.notify(tx, {
        recipients: [request.created_by],
        topic: 'signature.request',
        title: `拒签：${request.title}`,
        body: `${actor.displayName} 拒绝签署：${reason}`,
        link: `/workbench/signatures/${id}`,
        sourceType: 'signature_request',
        sourceId: id,
        dedupeKey: `declined:${id}`,
      });
      await this.audit.record(
        { actor, action: 'signature.decline', targetType: 'signature_request', targetId: id, details: { reason } },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** Every signature of a request checked again: each version's digest, and the signer's SM2 signature over it. */
  async verify(actor: Actor, id: string) {
    await this.load(actor, id);
    return { items: await this.checkVersions(id) };
  }

  private async checkVersions(id: string) {
    const versions = await sql<{
      version_no: number;
      content: Uint8Array;
      sm3: string;
      signature: string;
      public_key: string;
      signer: string;
      created_at: string;
    }>`select v.version_no, v.content, v.sm3, v.signature, v.public_key, a.display_name as signer, v.created_at
      from signature_versions v join accounts a on a.id = v.signed_by
      where v.request_id = ${id} and v.version_no > 0 order by v.version_no`.execute(this.db.kysely);
    return versions.rows.map((v) => {
      const digest = sm3Hex(v.content);
      const valid = digest === v.sm3 && sm2Verify(digest, v.signature, v.public_key);
      return { versionNo: v.version_no, signer: v.signer, signedAt: v.created_at, sm3: v.sm3, valid };
    });
  }

  /**
   * 验签: a PDF uploaded by anyone signed in — the version it is (by SM3), and whether every
   * signature up to it holds. An altered or unknown file matches nothing.
   */
  async verifyPdf(actor: Actor, content: unknown) {
    requirePermission(actor, 'workbench.use');
    // a JSON or form body arrives parsed, not as bytes: only a raw PDF is checked
    if (!Buffer.isBuffer(content) || !content.subarray(0, 5).equals(Buffer.from('%PDF-')))
      throw new AppError(415, 'signatures.pdf_only', {});
    const digest = sm3Hex(content);
    const row = await this.db.kysely
      .selectFrom('signature_versions as v')
      .innerJoin('signature_requests as r', 'r.id', 'v.request_id')
      .select(['v.request_id', 'v.version_no', 'r.title'])
      .where('v.sm3', '=', digest)
      .where('v.version_no', '>', 0)
      .executeTakeFirst();
    if (!row) return { result: 'unknown' as const, sm3: digest };
    const checks = (await this.checkVersions(row.request_id)).filter((c) => c.versionNo <= row.version_no);
    return {
      result: checks.every((c) => c.valid) ? ('authentic' as const) : ('tampered' as const),
      sm3: digest,
      title: row.title,
      versionNo: row.version_no,
      signatures: checks.map((c) => ({ signer: c.signer, signedAt: c.signedAt, valid: c.valid })),
    };
  }

  async cancel(actor: Actor, id: string) {
    const { request } = await this.load(actor, id);
    if (request.created_by !== actor.accountId) throw new ForbiddenError('signatures.creator_only');
    if (request.status !== 'pending') throw new ConflictError('signatures.closed', { status: request.status });
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .updateTable('signature_requests')
        .set({ status: 'cancelled', completed_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      await this.audit.record({ actor, action: 'signature.cancel', targetType: 'signature_request', targetId: id }, tx);
    });
    return this.get(actor, id);
  }

  /** The signer's SM2 key pair, made and sealed at their first signature. */
  private async signerKey(tx: Executor, accountId: string): Promise<{ publicKey: string; privateKey: string }> {
    const row = await tx.selectFrom('signer_keys').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    if (row) return { publicKey: row.public_key, privateKey: await openPrivateKey(this.keys, row.private_sealed, tx) };
    const pair = await newSealedKeyPair(this.keys, tx);
    await tx
      .insertInto('signer_keys')
      .values({ account_id: accountId, public_key: pair.publicKey, private_sealed: pair.privateSealed })
      .execute();
    return pair;
  }
}
