import { randomBytes } from 'node:crypto';
import { canonicalEventJson, eventHash, GENESIS_HASH, type AuditEventContent } from './audit-hash';
import { canonicalJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys by code unit, drops undefined, keeps no whitespace (RFC 8785 examples)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 0.5, y: 'é' }, u: undefined })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":"é","z":0.5}}',
    );
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3 })).toBe('{"\\r":2,"1":3,"€":1}');
    expect(canonicalJson(1e21)).toBe('1e+21');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });

  it('writes an event exactly as the generic canonicalisation does', () => {
    for (let i = 0; i < 200; i++) {
      const r = () => (Math.random() < 0.3 ? null : randomBytes(4).toString('base64'));
      const c: AuditEventContent = {
        seq: i + 1,
        at: new Date(1764520000000 + i).toISOString(),
        actor: `a"\\${i}`,
        roles: i % 2 ? ['researcher', 'admin'] : [],
        institution: r(),
        action: 'graphql:query beacon',
        resource: r(),
        datasetIds: i % 3 ? ['ds-1', 'ds-ü'] : [],
        granularity: r(),
        outcome: i % 3 === 0 ? 'deny' : 'allow',
        reason: r(),
        requestId: r(),
        detail: i % 2 ? { z: 1, a: [1, 'x'], filter: { b: null, a: true } } : {},
      };
      expect(canonicalEventJson(c)).toBe(canonicalJson(c));
    }
  });

  it('chains: the same content after a different previous hash gets a different hash', () => {
    const c: AuditEventContent = {
      seq: 1,
      at: '2026-11-30T00:00:00.000Z',
      actor: 'anonymous',
      roles: [],
      institution: null,
      action: 'rest:GET /api/g_variants',
      resource: null,
      datasetIds: [],
      granularity: null,
      outcome: 'allow',
      reason: null,
      requestId: null,
      detail: {},
    };
    expect(eventHash(c, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(c, GENESIS_HASH)).not.toBe(eventHash(c, 'f'.repeat(64)));
    expect(eventHash({ ...c, seq: 2 }, GENESIS_HASH)).not.toBe(eventHash(c, GENESIS_HASH));
  });
});
