import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database, Executor } from '../../kernel/index.ts';
import { open, seal, type DataKey } from './sm4-seal.ts';

/** Splits 32+ bytes of secret into an SM4 key and an HMAC-SM3 key. */
function deriveKey(version: number, secret: Buffer): DataKey {
  return {
    version,
    encryption: createHmac('sm3', secret).update('zhili sm4').digest().subarray(0, 16),
    mac: createHmac('sm3', secret).update('zhili hmac-sm3').digest(),
  };
}

/**
 * The master key never enters the database: `ZHILI_MASTER_KEY` (64 hex characters) or, on a
 * node without one, `master.key` in the data directory, created once with mode 0600. A
 * database dump alone therefore opens no L4 field.
 */
export function loadMasterKey(dataDir: string, fromEnv: string | undefined): DataKey {
  if (fromEnv) return deriveKey(0, Buffer.from(fromEnv, 'hex'));
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return deriveKey(0, Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
}

/** Data keys by version; the newest unretired one seals, any of them opens what it sealed. */
export class KeyRing {
  private readonly db: Database;
  private readonly master: DataKey;
  private readonly keys = new Map<number, DataKey>();

  constructor(db: Database, master: DataKey) {
    this.db = db;
    this.master = master;
  }

  private unwrap(version: number, wrapped: Buffer | Uint8Array): DataKey {
    return deriveKey(version, open(this.master, Buffer.from(wrapped)));
  }

  /**
   * A person's or enterprise's number as logs may hold it (HMAC-SM3 under a key derived from the
   * master key, which never rotates): the same everywhere, unreadable without the key — so
   * "who used my data" can be answered without any log keeping the number itself.
   */
  subjectIndex(number: string): string {
    return createHmac('sm3', this.master.mac).update(`zhili subject\u0000${number.trim().toUpperCase()}`).digest('hex').slice(0, 32);
  }

  async get(version: number, db: Executor = this.db.kysely): Promise<DataKey> {
    const cached = this.keys.get(version);
    if (cached) return cached;
    const row = (await sql<{ wrapped: Buffer }>`select wrapped from crypto_data_keys where version = ${version}`.execute(db)).rows[0];
    if (!row) throw new Error(`data key ${version} is missing`);
    const key = this.unwrap(version, row.wrapped);
    this.keys.set(version, key);
    return key;
  }

  /** The key that seals now, made on first use. */
  async current(db: Executor = this.db.kysely): Promise<DataKey> {
    const row = (
      await sql<{ version: number }>`select version from crypto_data_keys where retired_at is null order by version desc limit 1`.execute(
        db,
      )
    ).rows[0];
    if (row) return this.get(row.version, db);
    return this.create(db);
  }

  private async create(db: Executor): Promise<DataKey> {
    const material = randomBytes(32);
    const inserted = (
      await sql<{ version: number }>`insert into crypto_data_keys (version, wrapped)
        select coalesce(max(version), 0) + 1, ${seal(this.master, material)} from crypto_data_keys
        on conflict (version) do nothing returning version`.execute(db)
    ).rows[0];
    if (!inserted) return this.current(db); // another node made it first
    const key = deriveKey(inserted.version, material);
    this.keys.set(key.version, key);
    return key;
  }

  /**
   * Checked at start: the master key must open the data keys this database holds; a database
   * restored without its master key stops the node with a message, not a 500 on first use.
   */
  async verify(): Promise<void> {
    const row = (
      await sql<{ version: number; wrapped: Buffer }>`select version, wrapped from crypto_data_keys order by version desc limit 1`.execute(
        this.db.kysely,
      )
    ).rows[0];
    if (!row) return;
    try {
      this.keys.set(row.version, this.unwrap(row.version, row.wrapped));
    } catch {
      throw new Error(
        'The master key does not open this database’s data keys. Restore master.key into the data directory or set ZHILI_MASTER_KEY to the key the database was made with.',
      );
    }
  }

  /** A new data key seals from now on; the old ones open what they sealed until re-sealed, then retire. */
  async rotate(db: Executor = this.db.kysely): Promise<DataKey> {
    return this.create(db);
  }

  async retireAllBut(version: number, db: Executor = this.db.kysely): Promise<number> {
    const result = await sql`update crypto_data_keys set retired_at = now() where version <> ${version} and retired_at is null`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }
}
