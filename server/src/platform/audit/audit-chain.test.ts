import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, genesisHash, sm3Hex } from './audit-chain.ts';

describe('audit chain hashing', () => {
  it('uses SM3 (GB/T 32905 test vector for "abc")', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('ignores key order, so jsonb storage does not break the chain', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('changes when any field or the predecessor changes', () => {
    const fields = {
      seq: 1,
      id: 'aud_x',
      at: '2026-11-22T00:00:00.000Z',
      actorId: null,
      actorKind: 'staff',
      actorName: '张三',
      action: 'a',
      outcome: 'ok',
      targetType: null,
      targetId: null,
      orgId: null,
      regionCode: null,
      ip: null,
      details: {},
    };
    const base = chainHash(genesisHash, fields);
    expect(chainHash(genesisHash, { ...fields, actorName: '李四' })).not.toBe(base);
    expect(chainHash('f'.repeat(64), fields)).not.toBe(base);
  });
});
