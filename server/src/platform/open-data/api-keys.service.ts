import { createHash, randomBytes } from 'node:crypto';
import {
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  UnauthenticatedError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import * as repo from './open-data.repository.ts';

export const maxActiveKeys = 5;

/** Who a key speaks for. */
export interface KeyHolder {
  keyId: string;
  accountId: string;
  kind: string;
  name: string;
}

const sm3 = (text: string) => createHash('sm3').update(text).digest('hex');

function toView(row: repo.ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    /** The secret's first characters, to tell keys apart (the secret itself is never kept). */
    prefix: row.prefix,
    calls: Number(row.calls),
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** The person a portal call is for: a logged-in citizen, enterprise or civil servant — not an app. */
export function portalAccount(actor: Actor): string {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  if (!actor.accountId || !['citizen', 'enterprise', 'staff'].includes(actor.kind))
    throw new ForbiddenError('opendata.account_required', { kind: actor.kind });
  return actor.accountId;
}

/**
 * API keys of the Portal's users (开放平台 AppKey): a secret `zk_…` shown once on creation, kept
 * as its SM3 hash; at most five active per account. A key raises the rate limit of record calls
 * and carries the account's approvals for conditionally open datasets.
 */
export class ApiKeyService {
  private readonly db: Database;
  private readonly audit: AuditLog;

  constructor(db: Database, audit: AuditLog) {
    this.db = db;
    this.audit = audit;
  }

  async create(actor: Actor, input: { name: string }) {
    const accountId = portalAccount(actor);
    const secret = `zk_${randomBytes(32).toString('base64url')}`;
    const id = newId('oak');
    const row = await this.db.kysely.transaction().execute(async (tx) => {
      await repo.lockFor(tx, `open_api_keys:${accountId}`);
      if ((await repo.countActiveKeys(tx, accountId)) >= maxActiveKeys)
        throw new ConflictError('opendata.too_many_keys', { max: maxActiveKeys });
      const created = await repo.insertKey(tx, {
        id,
        accountId,
        accountKind: actor.kind,
        accountName: actor.displayName,
        name: input.name,
        prefix: secret.slice(0, 8),
        secretHash: sm3(secret),
      });
      await this.audit.record(
        { actor, action: 'opendata.key.create', targetType: 'open_api_key', targetId: id, details: { name: input.name } },
        tx,
      );
      return created;
    });
    return { ...toView(row), secret };
  }

  async list(actor: Actor) {
    const accountId = portalAccount(actor);
    return { items: (await repo.listKeys(this.db.kysely, accountId)).map(toView), max: maxActiveKeys };
  }

  /** Revokes one of the caller's keys; someone else's is not there for them (404). */
  async revoke(actor: Actor, id: string) {
    const accountId = portalAccount(actor);
    const row = await this.db.kysely.transaction().execute(async (tx) => {
      const found = await repo.findKey(tx, id, true);
      if (!found || found.account_id !== accountId) throw new NotFoundError('opendata.key_not_found', { id });
      if (found.revoked_at) throw new ConflictError('opendata.key_revoked', { id });
      const revoked = await repo.revokeKey(tx, id);
      await this.audit.record({ actor, action: 'opendata.key.revoke', targetType: 'open_api_key', targetId: id }, tx);
      return revoked;
    });
    return toView(row);
  }

  /** A disabled account's keys stop working with it (identity.account.disabled). */
  revokeForAccount(accountId: string): Promise<number> {
    return repo.revokeAccountKeys(this.db.kysely, accountId);
  }

  /** The account behind a key's secret, the call counted; an unknown or revoked key is refused (401). */
  async use(secret: string): Promise<KeyHolder> {
    const row = /^zk_[A-Za-z0-9_-]{43}$/.test(secret) ? await repo.useKey(this.db.kysely, sm3(secret)) : undefined;
    if (!row) throw new UnauthenticatedError('opendata.invalid_key');
    return { keyId: row.id, accountId: row.account_id, kind: row.account_kind, name: row.account_name };
  }
}
