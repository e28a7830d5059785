import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time on an unknown username as on a known one (no account probing). */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('zhili-not-a-password-1');
  await verifyPassword(await dummyHash, password);
}

/** A temporary password people can type: 12 chars, letters and digits, no look-alikes. */
export function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)]!, digits[randomInt(digits.length)]!];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  return chars.join('');
}
