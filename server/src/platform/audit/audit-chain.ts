import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

/** The fields of an entry that its hash covers, in the form they are stored. */
export interface ChainedFields {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorKind: string;
  actorName: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  orgId: string | null;
  regionCode: string | null;
  ip: string | null;
  details: unknown;
}

export function sm3Hex(text: string): string {
  return createHash('sm3').update(text, 'utf8').digest('hex');
}

/** hash_n = SM3(hash_{n-1} ‖ canonical JSON of entry n). */
export function chainHash(prevHash: string, fields: ChainedFields): string {
  return sm3Hex(`${prevHash}\n${canonicalJson(fields)}`);
}

/** JSON with object keys sorted at every depth, so jsonb's reordering changes nothing. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
