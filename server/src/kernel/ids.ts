import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Prefixed, non-guessable id: `acc_` + 26 base32 characters (130 random bits). */
export function newId(prefix: string): string {
  let out = '';
  for (const byte of randomBytes(26)) out += alphabet[byte & 31];
  return `${prefix}_${out}`;
}

/** A URL-safe secret (session tokens, client secrets). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
