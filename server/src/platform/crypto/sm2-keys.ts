import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import type { Executor } from '../../kernel/index.ts';
import type { KeyRing } from './keyring.ts';
import { open, seal, sealedKeyVersion } from './sm4-seal.ts';

/** GM/T 0009's default signer ID; digests are signed with SM3 hashing of Z‖M, DER-encoded. */
const signOptions = { hash: true, der: true, userId: '1234567812345678' } as const;

export const sm3Hex = (bytes: Uint8Array | string): string => createHash('sm3').update(bytes).digest('hex');

export function sm2Sign(digest: string, pair: { publicKey: string; privateKey: string }): string {
  return sm2.doSignature(digest, pair.privateKey, { ...signOptions, publicKey: pair.publicKey });
}

/** False for a wrong signature and for one that does not even decode. */
export function sm2Verify(digest: string, signature: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(digest, signature, publicKey, signOptions);
  } catch {
    return false;
  }
}

/** A new SM2 key pair, its private key sealed with the current SM4 data key for storing. */
export async function newSealedKeyPair(
  keys: KeyRing,
  tx: Executor,
): Promise<{ publicKey: string; privateKey: string; privateSealed: Buffer }> {
  const pair = sm2.generateKeyPairHex();
  const privateSealed = seal(await keys.current(tx), Buffer.from(pair.privateKey, 'utf8'));
  return { publicKey: pair.publicKey, privateKey: pair.privateKey, privateSealed };
}

/** A stored private key, opened with the data key it was sealed under. */
export async function openPrivateKey(keys: KeyRing, sealed: Uint8Array, tx: Executor): Promise<string> {
  const bytes = Buffer.from(sealed);
  return open(await keys.get(sealedKeyVersion(bytes), tx), bytes).toString('utf8');
}
