import { randomBytes, randomFillSync } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const idLength = 26;

// Random bytes drawn 256 ids at a time: a workflow step makes several ids, and a call into
// the CSPRNG for each was ~4 % of a step's CPU. Each byte is still used once.
const randomPool = Buffer.alloc(idLength * 256);
let poolOffset = randomPool.length;

/** Prefixed, non-guessable id: `acc_` + 26 base32 characters (130 random bits). */
export function newId(prefix: string): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  let out = `${prefix}_`;
  for (let i = poolOffset; i < poolOffset + idLength; i++) out += alphabet[randomPool[i]! & 31];
  poolOffset += idLength;
  return out;
}

/** A URL-safe secret (session tokens, client secrets). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
