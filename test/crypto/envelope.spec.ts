import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { CryptoModule, EnvelopeService, MasterKeyRing, sealedKeyVersion } from '@helixgate/crypto';
import { DatasetService, VariantsModule } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createTestContext } from '../support/test-context';
import { testConfig, uniqueId } from '../support/test-config';

const ref = { table: 'variant', row: '20:1000:A:G', column: 'genotypes' };

describe('envelope encryption (real database)', () => {
  let ctx: Awaited<ReturnType<typeof createTestContext>>;
  let envelope: EnvelopeService;
  let datasetId: string;

  beforeAll(async () => {
    // A key-ring file (not an env key) so that master-key rotation can be exercised.
    const config = testConfig({ HELIXGATE_MASTER_KEY: '' });
    ctx = await createTestContext([CryptoModule, VariantsModule], config);
    envelope = ctx.app.get(EnvelopeService);
    datasetId = uniqueId('crypto');
    await ctx.app
      .get(DatasetService)
      .create({ id: datasetId, name: 'crypto test', assembly: 'GRCh38', securityLevel: 'CONTROLLED' });
  });
  afterAll(() => ctx.close());

  it('round-trips a value and names the data-key version inside the ciphertext', async () => {
    const sealer = await envelope.sealerFor(datasetId);
    const sealed = sealer.seal(Buffer.from('0|1 1|1 0/0'), ref);
    expect(sealedKeyVersion(sealed)).toBe(sealer.keyVersion);
    expect(sealed.includes(Buffer.from('0|1'))).toBe(false);
    const opener = await envelope.openerFor(datasetId);
    expect(opener.open(sealed, ref).toString()).toBe('0|1 1|1 0/0');
  });

  it('uses a random IV: the same plaintext seals to different bytes', async () => {
    const sealer = await envelope.sealerFor(datasetId);
    expect(sealer.seal(Buffer.from('x'), ref).equals(sealer.seal(Buffer.from('x'), ref))).toBe(false);
  });

  it('refuses a ciphertext with one flipped bit', async () => {
    const sealed = (await envelope.sealerFor(datasetId)).seal(Buffer.from('secret genotype'), ref);
    const opener = await envelope.openerFor(datasetId);
    for (const at of [0, 3, 10, 20, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at] ^= 0x01;
      expect(() => opener.open(tampered, ref)).toThrow(
        expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
      );
    }
  });

  it('refuses a ciphertext moved to another row, column, table or dataset', async () => {
    const sealed = (await envelope.sealerFor(datasetId)).seal(Buffer.from('secret'), ref);
    const opener = await envelope.openerFor(datasetId);
    expect(() => opener.open(sealed, { ...ref, row: '20:1001:A:G' })).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
    expect(() => opener.open(sealed, { ...ref, column: 'sample_id' })).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
    expect(() => opener.open(sealed, { ...ref, table: 'individual' })).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
    const other = uniqueId('crypto');
    await ctx.app
      .get(DatasetService)
      .create({ id: other, name: 'other', assembly: 'GRCh38', securityLevel: 'CONTROLLED' });
    await envelope.sealerFor(other);
    expect(() => opener.open(sealed, ref)).not.toThrow();
    await expect(envelope.openerFor(other).then((o) => o.open(sealed, ref))).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
  });

  it('stores data keys only wrapped: the raw key table holds no usable key', async () => {
    const rows: { wrapped_key: Buffer; master_key_id: string }[] = await ctx.app
      .get(DataSource)
      .query('SELECT wrapped_key, master_key_id FROM dataset_key WHERE dataset_id = $1', [datasetId]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].wrapped_key.length).toBe(5 + 12 + 32 + 16);
    expect(rows[0].master_key_id).toMatch(/^mk-/);
  });

  it('keeps old values readable after a data-key rotation, and seals new ones with the new version', async () => {
    const before = (await envelope.sealerFor(datasetId)).seal(Buffer.from('old'), ref);
    const v = await envelope.rotateDataKey(datasetId);
    const sealer = await envelope.sealerFor(datasetId);
    expect(sealer.keyVersion).toBe(v);
    const after = sealer.seal(Buffer.from('new'), ref);
    const opener = await envelope.openerFor(datasetId);
    expect(opener.open(before, ref).toString()).toBe('old');
    expect(opener.open(after, ref).toString()).toBe('new');
  });

  it('makes values unrecoverable when their key version is destroyed (crypto-shredding)', async () => {
    const id = uniqueId('shred');
    await ctx.app
      .get(DatasetService)
      .create({ id, name: 'shred', assembly: 'GRCh38', securityLevel: 'CONTROLLED' });
    const old = (await envelope.sealerFor(id)).seal(Buffer.from('to be forgotten'), ref);
    const v2 = await envelope.rotateDataKey(id);
    const kept = (await envelope.sealerFor(id)).seal(Buffer.from('kept'), ref);
    await envelope.destroyDataKey(id, 1);
    const opener = await envelope.openerFor(id);
    expect(() => opener.open(old, ref)).toThrow(expect.objectContaining({ code: 'DECRYPTION_FAILED' }));
    expect(opener.open(kept, ref).toString()).toBe('kept');
    expect(v2).toBe(2);
  });

  it('remembers an opened text with its data key, never past the key or for other bytes', async () => {
    const id = uniqueId('remember');
    await ctx.app
      .get(DatasetService)
      .create({ id, name: 'remember', assembly: 'GRCh38', securityLevel: 'CONTROLLED' });
    const at = { table: 'individual', row: '7', column: 'sample_id' };
    const sealed = (await envelope.sealerFor(id)).seal(Buffer.from('SAMPLE-7'), at);
    expect((await envelope.openerFor(id)).openRememberedText(sealed, at)).toBe('SAMPLE-7');
    // Remembered: a later opener gives the same text for the same bytes at the same place...
    const opener = await envelope.openerFor(id);
    expect(opener.openRememberedText(sealed, at)).toBe('SAMPLE-7');
    // ...and still authenticates anything else: another place, altered bytes, a re-sealed value.
    expect(() => opener.openRememberedText(sealed, { ...at, row: '8' })).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 0x01;
    expect(() => opener.openRememberedText(tampered, at)).toThrow(
      expect.objectContaining({ code: 'DECRYPTION_FAILED' }),
    );
    await envelope.rotateDataKey(id);
    const resealed = (await envelope.sealerFor(id)).seal(Buffer.from('SAMPLE-7b'), at);
    expect((await envelope.openerFor(id)).openRememberedText(resealed, at)).toBe('SAMPLE-7b');
    // Crypto-shredding: once the key is destroyed the remembered text is not answered any more.
    expect((await envelope.openerFor(id)).openRememberedText(sealed, at)).toBe('SAMPLE-7');
    await envelope.destroyDataKey(id, 1);
    await expect(envelope.openerFor(id).then((o) => o.openRememberedText(sealed, at))).rejects.toMatchObject({
      code: 'DECRYPTION_FAILED',
    });
  });

  it('rotates the master key: every data key is rewrapped, data stays readable, old master keys can be retired', async () => {
    const sealed = (await envelope.sealerFor(datasetId)).seal(Buffer.from('survives rotation'), ref);
    const ring = ctx.app.get(MasterKeyRing);
    const oldIds = ring.ids();
    const result = await envelope.rotateMasterKey({ retireOld: true });
    expect(result.rewrapped).toBeGreaterThan(0);
    expect(result.retired.sort()).toEqual(oldIds.sort());
    expect(ring.ids()).toEqual([result.masterKeyId]);
    const ids: { master_key_id: string }[] = await ctx.app
      .get(DataSource)
      .query('SELECT DISTINCT master_key_id FROM dataset_key WHERE master_key_id = ANY($1)', [oldIds]);
    expect(ids).toEqual([]);
    expect((await envelope.openerFor(datasetId)).open(sealed, ref).toString()).toBe('survives rotation');
    expect(fs.statSync(ctx.config.masterKeyFile).mode & 0o777).toBe(0o600);
  });

  it('refuses master-key rotation when the key comes from the environment', async () => {
    const envCtx = await createTestContext(
      [CryptoModule],
      testConfig({ HELIXGATE_MASTER_KEY: randomBytes(32).toString('base64') }),
    );
    try {
      await expect(envCtx.app.get(EnvelopeService).rotateMasterKey()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    } finally {
      await envCtx.close();
    }
  });
});
