import { sql } from 'kysely';
import { sm2 } from 'sm-crypto-v2';
import {
  ForbiddenError,
  getOrCreateNodeKey,
  newId,
  requireScope,
  regionPrefix,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import { chainHash, genesisHash, type ChainedFields } from './audit-chain.ts';
import * as repo from './audit.repository.ts';

function entryOf(input: AuditInput): Omit<ChainedFields, 'seq'> {
  return {
    id: newId('aud'),
    at: new Date().toISOString(),
    actorId: input.actor.accountId ?? input.actor.clientId,
    actorKind: input.actor.kind,
    actorName: input.actor.displayName,
    action: input.action,
    outcome: input.outcome ?? 'ok',
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    orgId: input.orgId ?? input.actor.orgId,
    regionCode: input.regionCode ?? input.actor.regionCode,
    ip: input.actor.ip || null,
    details: input.details ?? {},
  };
}

/** GM/T 0009 default user ID for SM2 signatures. */
const sm2UserId = '1234567812345678';
const checkpointEvery = 64;

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditInput {
  actor: Pick<Actor, 'accountId' | 'clientId' | 'kind' | 'displayName' | 'ip' | 'orgId' | 'regionCode'>;
  action: string;
  outcome?: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  /** Where the target lives, so auditors of a region see its entries. */
  regionCode?: string | null;
  orgId?: string | null;
  details?: Record<string, unknown>;
}

interface SigningKey {
  privateKey: string;
  publicKey: string;
}

export class AuditLog {
  private readonly db: Database;
  private key: SigningKey | undefined;
  private chaining: Promise<number> = Promise.resolve(0);

  constructor(db: Database) {
    this.db = db;
  }

  /** Loads (or creates, once per node) the SM2 checkpoint key. Call before any transaction. */
  async open(): Promise<this> {
    this.key ??= await getOrCreateNodeKey(this.db, 'audit.sm2', () => {
      const pair = sm2.generateKeyPairHex();
      return { privateKey: pair.privateKey, publicKey: pair.publicKey };
    });
    return this;
  }

  private signingKey(): SigningKey {
    // Loading it inside a caller's transaction would wait on PGlite's only connection.
    if (!this.key) throw new Error('AuditLog.open() was not awaited');
    return this.key;
  }

  /**
   * Appends an entry inside the caller's transaction: the entry commits with the change it
   * describes, or not at all. Without a transaction it runs in its own.
   */
  async record(input: AuditInput, tx?: Executor): Promise<void> {
    const entry = entryOf(input);
    if (tx) return repo.insertPending(tx, entry);
    // On its own: joins the entries waiting to be written, all committed in one statement —
    // a group commit, so a busy gateway pays one commit for many calls. It resolves only
    // once its entry is committed.
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  /**
   * An `insert` of entries for the caller to run inside a statement of its own (a CTE of its
   * transaction's last statement): the same commit as `record(…, tx)`, one round trip fewer.
   */
  insertStatement(inputs: AuditInput[]) {
    return repo.pendingInsert(inputs.map(entryOf));
  }

  private waiting: { entry: Parameters<typeof repo.insertPending>[1]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private writing = false;

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, 500);
        try {
          await repo.insertPendingMany(
            this.db.kysely,
            batch.map((b) => b.entry),
          );
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /**
   * The chainer: numbers committed pending entries, hashes them onto the chain and signs a
   * checkpoint every 64 entries. One at a time in this process; across processes the head
   * row lock and `skip locked` keep them apart.
   */
  flush(): Promise<number> {
    const run = this.chaining.then(() => this.chainPending());
    this.chaining = run.catch(() => 0);
    return run;
  }

  private async chainPending(): Promise<number> {
    const key = this.signingKey();
    let chained = 0;
    for (;;) {
      const count = await this.db.kysely.transaction().execute(async (tx) => {
        const head = await repo.lockHead(tx);
        const pending = await repo.takePending(tx, 500);
        let { seq, hash } = head;
        const chainedEntries: repo.StoredEntry[] = [];
        const checkpoints: { seq: number; hash: string }[] = [];
        for (const { entry } of pending) {
          const fields: ChainedFields = { seq: seq + 1, ...entry };
          const next = chainHash(hash, fields);
          chainedEntries.push({ ...fields, prevHash: hash, hash: next });
          seq = fields.seq;
          hash = next;
          if (seq % checkpointEvery === 0) checkpoints.push({ seq, hash });
        }
        await repo.insertEntries(tx, chainedEntries);
        // one signature a batch at most — the newest boundary passed: SM2 signing is the chainer's
        // dearest step, and a checkpoint covers every entry before it
        const newest = checkpoints.at(-1);
        if (newest) await this.insertCheckpoint(tx, key, newest.seq, newest.hash);
        await repo.dropPending(
          tx,
          pending.map((p) => p.pendingSeq),
        );
        return pending.length;
      });
      chained += count;
      if (count < 500) return chained;
    }
  }

  /** Signs the current head if it moved since the last checkpoint. */
  async checkpoint(): Promise<number | null> {
    await this.flush();
    const key = this.signingKey();
    return this.db.kysely.transaction().execute(async (tx) => {
      const head = await repo.lockHead(tx);
      const last = await repo.lastCheckpointSeq(tx);
      if (head.seq === 0 || head.seq === last) return null;
      await this.insertCheckpoint(tx, key, head.seq, head.hash);
      return head.seq;
    });
  }

  private async insertCheckpoint(tx: Executor, key: SigningKey, seq: number, hash: string): Promise<void> {
    const signature = sm2.doSignature(checkpointMessage(seq, hash), key.privateKey, {
      hash: true,
      userId: sm2UserId,
      publicKey: key.publicKey, // else derived from the private key at every checkpoint
    });
    await repo.insertCheckpoint(tx, { seq, hash, signature, publicKey: key.publicKey });
  }

  /**
   * The chained entries about one data subject (their `details.subjects` holds its index): the
   * caller checks that the asker is that subject. Pending entries are chained first.
   */
  async entriesAbout(subject: string, actions: string[], limit: number) {
    await this.flush();
    return repo.entriesAboutSubject(this.db.kysely, subject, actions, limit);
  }

  async list(
    actor: Actor,
    filter: { actionPrefix?: string | undefined; outcome?: string | undefined; cursor?: string | undefined; limit: number },
  ) {
    const scope = auditScope(actor);
    await this.flush();
    const entries = await repo.listEntries(this.db.kysely, {
      regionPrefix: scope,
      actionPrefix: filter.actionPrefix,
      outcome: filter.outcome,
      beforeSeq: filter.cursor ? Number(filter.cursor) : undefined,
      limit: filter.limit + 1,
    });
    const page = entries.slice(0, filter.limit);
    return { items: page, nextCursor: entries.length > filter.limit ? String(page.at(-1)!.seq) : null };
  }

  /**
   * Counts over logged calls since a time, for metrics: entries of `actions` per day, their
   * latency percentiles (`details.ms`) and organisations; refusals at endpoints under a prefix,
   * by error code. `orgIds` narrows to those organisations' calls (refusals carry no org).
   */
  async callStats(filter: { actions: string[]; refusedTargetPrefix: string; since: Date; orgIds: string[] | null }) {
    await this.flush();
    const db = this.db.kysely;
    const since = filter.since.toISOString();
    const orgs = filter.orgIds;
    const inScope = orgs === null ? sql`true` : sql`org_id in (${sql.join(orgs.length ? orgs : [''])})`;
    const perDay = (
      await sql<{ day: string; calls: string }>`select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, count(*) as calls
        from audit_log where action in (${sql.join(filter.actions)}) and outcome = 'ok' and at >= ${since} and ${inScope}
        group by 1 order by 1`.execute(db)
    ).rows;
    const latency = (
      await sql<{ p50: number | null; p95: number | null; p99: number | null }>`select
          percentile_cont(0.5) within group (order by (details->>'ms')::float8) as p50,
          percentile_cont(0.95) within group (order by (details->>'ms')::float8) as p95,
          percentile_cont(0.99) within group (order by (details->>'ms')::float8) as p99
        from audit_log where action in (${sql.join(filter.actions)}) and outcome = 'ok' and at >= ${since} and ${inScope}
          and details ? 'ms'`.execute(db)
    ).rows[0];
    const byOrg = (
      await sql<{ org_id: string; calls: string }>`select org_id, count(*) as calls from audit_log
        where action in (${sql.join(filter.actions)}) and outcome = 'ok' and at >= ${since} and org_id is not null and ${inScope}
        group by org_id order by count(*) desc limit 10`.execute(db)
    ).rows;
    const refused =
      orgs === null
        ? (
            await sql<{ day: string; code: string; calls: string }>`select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
                coalesce(details->>'code', 'unknown') as code, count(*) as calls from audit_log
              where outcome = 'refused' and target_id like ${`${filter.refusedTargetPrefix}%`} and at >= ${since}
              group by 1, 2 order by 1`.execute(db)
          ).rows
        : [];
    const round = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return {
      perDay: perDay.map((r) => ({ day: r.day, calls: Number(r.calls) })),
      latencyMs: { p50: round(latency?.p50), p95: round(latency?.p95), p99: round(latency?.p99) },
      byOrg: byOrg.map((r) => ({ orgId: r.org_id, calls: Number(r.calls) })),
      refused: refused.map((r) => ({ day: r.day, code: r.code, calls: Number(r.calls) })),
    };
  }

  async verify(): Promise<VerifyResult> {
    await this.flush();
    return verifyChain(this.db, this.signingKey().publicKey);
  }
}

function checkpointMessage(seq: number, hash: string): string {
  return `zhili-audit-checkpoint:${seq}:${hash}`;
}

/** Auditors read the log of their region; a platform-wide or province grant reads everything. */
function auditScope(actor: Actor): string | null {
  const scope = requireScope(actor, 'audit.read');
  if (scope.all) return null;
  const prefixes = scope.regionCodes.map(regionPrefix).sort((a, b) => a.length - b.length);
  if (prefixes[0] === undefined) throw new ForbiddenError('access.forbidden', { permission: 'audit.read' });
  return prefixes[0].length <= 2 ? null : prefixes[0];
}

export type BadReason = 'altered' | 'missing' | 'chain_broken' | 'truncated' | 'checkpoint_invalid';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad: { seq: number; reason: BadReason } | null;
  lastCheckpointSeq: number | null;
}

/** Walks the whole chain; names the first entry that is not what was written. */
export async function verifyChain(db: Database, trustedPublicKey: string): Promise<VerifyResult> {
  const problems: { seq: number; reason: BadReason }[] = [];
  const hashes = new Map<number, string>();
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let checked = 0;
  for (;;) {
    const page = await repo.readEntriesAfter(db.kysely, expectedSeq - 1, 1000);
    if (page.length === 0) break;
    for (const entry of page) {
      if (entry.seq !== expectedSeq) {
        problems.push({ seq: expectedSeq, reason: 'missing' });
        break;
      }
      const { prevHash: storedPrev, hash: storedHash, ...fields } = entry;
      if (chainHash(storedPrev, fields) !== storedHash) {
        problems.push({ seq: entry.seq, reason: 'altered' });
        break;
      }
      if (storedPrev !== prevHash) {
        problems.push({ seq: entry.seq, reason: 'chain_broken' });
        break;
      }
      hashes.set(entry.seq, storedHash);
      prevHash = storedHash;
      expectedSeq++;
      checked++;
    }
    if (problems.length) break;
  }
  const lastSeq = expectedSeq - 1;
  const checkpoints = await repo.readCheckpoints(db.kysely);
  if (!problems.length) {
    const head = await repo.readHead(db.kysely);
    if (head.seq > lastSeq) problems.push({ seq: lastSeq + 1, reason: 'truncated' });
    else if (head.seq === lastSeq && lastSeq > 0 && head.hash !== prevHash) problems.push({ seq: lastSeq, reason: 'chain_broken' });
  }
  for (const cp of checkpoints) {
    // Only this node's key counts: a checkpoint re-signed with another key is a forgery.
    const signed =
      cp.publicKey === trustedPublicKey &&
      sm2.doVerifySignature(checkpointMessage(cp.seq, cp.hash), cp.signature, trustedPublicKey, { hash: true, userId: sm2UserId });
    if (!signed) problems.push({ seq: cp.seq, reason: 'checkpoint_invalid' });
    else if (cp.seq > lastSeq && !problems.length) problems.push({ seq: lastSeq + 1, reason: 'truncated' });
    else if (hashes.has(cp.seq) && hashes.get(cp.seq) !== cp.hash) problems.push({ seq: cp.seq, reason: 'altered' });
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, checked, firstBad: problems[0] ?? null, lastCheckpointSeq: checkpoints.at(-1)?.seq ?? null };
}
