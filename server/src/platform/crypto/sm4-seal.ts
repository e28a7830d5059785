import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Authenticated encryption with the national algorithms: SM4-CTR, then HMAC-SM3 over what
 * was sealed (encrypt-then-MAC; Node's SM4 has no GCM). A sealed value is
 * `key version (4 bytes) ‖ iv (16) ‖ ciphertext ‖ mac (32)`; the key version says which
 * data key opens it, so a rotation can run while old values are still being re-sealed.
 */
export interface DataKey {
  version: number;
  /** 16 bytes for SM4 */
  encryption: Buffer;
  /** 32 bytes for HMAC-SM3 (sealing and blind indexes) */
  mac: Buffer;
}

// Node turns a Buffer key into a KeyObject on every call; made once per data key, a load of
// a million rows does not spend a third of its time there.
const keyObjects = new WeakMap<DataKey, { encryption: KeyObject; mac: KeyObject }>();
function objectsOf(key: DataKey) {
  let found = keyObjects.get(key);
  if (!found) {
    found = { encryption: createSecretKey(key.encryption), mac: createSecretKey(key.mac) };
    keyObjects.set(key, found);
  }
  return found;
}

export function seal(key: DataKey, plaintext: Buffer): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', objectsOf(key).encryption, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(key.version);
  const mac = createHmac('sm3', objectsOf(key).mac).update(head).update(iv).update(body).digest();
  return Buffer.concat([head, iv, body, mac]);
}

export function sealedKeyVersion(sealed: Buffer): number {
  return sealed.readUInt32BE(0);
}

export class SealError extends Error {}

export function open(key: DataKey, sealed: Buffer): Buffer {
  if (sealed.length < 4 + 16 + 32) throw new SealError('sealed value too short');
  if (sealedKeyVersion(sealed) !== key.version) throw new SealError('sealed with another key version');
  const head = sealed.subarray(0, 4);
  const iv = sealed.subarray(4, 20);
  const body = sealed.subarray(20, sealed.length - 32);
  const mac = sealed.subarray(sealed.length - 32);
  const expected = createHmac('sm3', objectsOf(key).mac).update(head).update(iv).update(body).digest();
  if (!timingSafeEqual(mac, expected)) throw new SealError('sealed value was altered');
  const decipher = createDecipheriv('sm4-ctr', objectsOf(key).encryption, iv);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** A blind index: HMAC-SM3 of a value, so an encrypted key field can still be looked up by equality. */
export function blindIndex(key: DataKey, field: string, value: string): string {
  return createHmac('sm3', objectsOf(key).mac).update(`${field}\u0000${value}`).digest('hex');
}
