import { createHash } from 'node:crypto';

/** Zhili keeps only the current text of a guide: an e-form's version is a fingerprint of its schema, so a client sees it change. */
export function formVersion(schema: Record<string, unknown>): string {
  return createHash('sm3').update(JSON.stringify(schema)).digest('hex').slice(0, 12);
}
