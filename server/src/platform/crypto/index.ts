// P9.2 crypto service: SM4 sealing (SM4-CTR + HMAC-SM3) with versioned data keys under a
// master key kept outside the database; SM3 blind indexes for encrypted lookup keys.
export { blindIndex, open, seal, sealedKeyVersion, SealError, type DataKey } from './sm4-seal.ts';
export { KeyRing, loadMasterKey } from './keyring.ts';
export const cryptoMigrations = { module: 'crypto', dir: new URL('./migrations/', import.meta.url) };
export { newSealedKeyPair, openPrivateKey, sm2Sign, sm2Verify, sm3Hex } from './sm2-keys.ts';
