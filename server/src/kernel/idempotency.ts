import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from './db.ts';
import { AppError, ConflictError, ValidationError } from './errors.ts';
import type { HttpApp } from './http.ts';
import { setWorkMark, withRequestWork, workMarked } from './request-work.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route accepts `Idempotency-Key`: a replay answers what the first request answered. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim?: { scope: string; key: string };
  }
}

const keyPattern = /^[\w.:-]{8,128}$/;

const markWork = 'update idempotency_keys set work_committed = true where scope = $1 and key = $2';

/** A claim with no answer older than this belongs to a request that is no longer running. */
const abandonedAfter = '5 minutes';

/**
 * Idempotency-Key for submissions. The first request claims the key; its 2xx answer is kept
 * and replayed for the same key and body; another body with the key is refused (422); a
 * failed request frees the key for a retry.
 *
 * A crash (kill -9) can leave a claim without an answer. The request marks its claim inside
 * the transaction that commits its work (kernel/request-work.ts), so a retry after a crash
 * knows which case it is in: nothing committed — the claim is freed and the retry runs; the
 * work committed and only the answer was lost — 409 `idempotency.answer_lost`, nothing is done
 * twice.
 */
export function installIdempotency(app: HttpApp, db: Database): void {
  // after the body is read: a context opened before would not survive the body's stream events
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.method === 'POST' && request.routeOptions.config?.idempotent) withRequestWork(done);
    else done();
  });
  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent || request.method !== 'POST') return;
    const key = request.headers['idempotency-key'];
    if (key === undefined) return;
    if (typeof key !== 'string' || !keyPattern.test(key)) throw new ValidationError('idempotency.invalid_key');
    const scope = `${request.actor.accountId ?? request.actor.clientId ?? `ip:${request.ip}`} ${request.routeOptions.url}`;
    const hash = createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .update(request.url)
      .digest('hex');
    const claim = async () => {
      const claimed = await sql`insert into idempotency_keys (scope, key, request_hash) values (${scope}, ${key}, ${hash})
        on conflict do nothing`.execute(db.kysely);
      if (Number(claimed.numAffectedRows ?? 0) !== 1) return false;
      request.idempotencyClaim = { scope, key };
      setWorkMark({ text: markWork, values: [scope, key] });
      return true;
    };
    if (await claim()) return;
    const existing = (
      await sql<{ request_hash: string; status: number | null; response: unknown; work_committed: boolean; abandoned: boolean }>`
      select request_hash, status, response, work_committed, created_at < now() - ${abandonedAfter}::interval as abandoned
      from idempotency_keys where scope = ${scope} and key = ${key}`.execute(db.kysely)
    ).rows[0];
    if (!existing) throw new ConflictError('idempotency.in_progress');
    if (existing.request_hash !== hash) throw new AppError(422, 'idempotency.key_reused');
    if (existing.status !== null) return replay(reply, existing.status, existing.response);
    if (!existing.abandoned) throw new ConflictError('idempotency.in_progress');
    if (existing.work_committed) throw new ConflictError('idempotency.answer_lost');
    // The request that claimed the key ended without committing anything: this one runs.
    await sql`delete from idempotency_keys where scope = ${scope} and key = ${key} and status is null and not work_committed`.execute(
      db.kysely,
    );
    if (!(await claim())) throw new ConflictError('idempotency.in_progress');
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = undefined;
    workMarked(); // the answer (or the freed key) below says what the mark would
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body = typeof payload === 'string' && payload.length ? payload : 'null';
      await sql`update idempotency_keys set status = ${reply.statusCode}, response = ${body}::jsonb
        where scope = ${claim.scope} and key = ${claim.key}`.execute(db.kysely);
    } else {
      await sql`delete from idempotency_keys where scope = ${claim.scope} and key = ${claim.key}`.execute(db.kysely);
    }
    return payload;
  });
}

function replay(reply: FastifyReply, status: number, response: unknown): FastifyReply {
  return reply.status(status).header('idempotent-replayed', 'true').send(response);
}

/** Keys are kept a day: long enough for any client's retries. */
export async function purgeIdempotencyKeys(db: Database): Promise<number> {
  const result = await sql`delete from idempotency_keys where created_at < now() - interval '1 day'`.execute(db.kysely);
  return Number(result.numAffectedRows ?? 0);
}
