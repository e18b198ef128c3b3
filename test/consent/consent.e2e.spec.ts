import type { INestApplication } from '@nestjs/common';
import { ConsentService } from '@helixgate/consent';
import { DatasetService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { DatasetConsent1764510000000 } from '../../migrations/1764510000000-dataset-consent';
import { testConfig, uniqueId } from '../support/test-config';

const steward = { subject: 'https://idp.example.org|steward-1' };

interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

describe('consent: persistence and GraphQL over HTTP', () => {
  let app: INestApplication;
  let base: string;
  let consents: ConsentService;
  let datasets: DatasetService;

  async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResponse<T>;
  }

  async function dataset(securityLevel = 'PUBLIC'): Promise<string> {
    const id = uniqueId('consent');
    await datasets.create({ id, name: `consent test ${id}`, assembly: 'GRCh38', securityLevel });
    return id;
  }

  beforeAll(async () => {
    app = await createGateway(testConfig());
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    consents = app.get(ConsentService);
    datasets = app.get(DatasetService);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('ConsentService on the real database', () => {
    it('stores a consent with disease ids and parameterised modifiers and reads it back', async () => {
      const id = await dataset();
      await consents.setConsent(
        id,
        {
          permission: 'DS',
          diseases: ['MONDO:0004992'],
          modifiers: [
            { code: 'NCU' },
            { code: 'MOR', moratoriumUntil: '2027-06-30' },
            { code: 'TS', months: 24 },
            { code: 'GS', region: 'European Union' },
            { code: 'PS', note: 'BRCA cohort study' },
          ],
        },
        steward,
      );
      const stored = await consents.getConsent(id);
      expect(stored).toMatchObject({
        datasetId: id,
        permission: 'DS',
        diseases: ['MONDO:0004992'],
        modifiers: [
          { code: 'GS', region: 'European Union' },
          { code: 'MOR', moratoriumUntil: '2027-06-30' },
          { code: 'NCU' },
          { code: 'PS', note: 'BRCA cohort study' },
          { code: 'TS', months: 24 },
        ],
        updatedBy: steward.subject,
      });
      expect(stored!.updatedAt).toBeInstanceOf(Date);
    });

    it('replaces a consent rather than adding a second one', async () => {
      const id = await dataset();
      await consents.setConsent(id, { permission: 'GRU', modifiers: [{ code: 'NPU' }] }, steward);
      await consents.setConsent(id, { permission: 'HMB' }, { subject: 'someone-else' });
      const stored = await consents.getConsents([id]);
      expect(stored.size).toBe(1);
      expect(stored.get(id)).toMatchObject({
        permission: 'HMB',
        diseases: [],
        modifiers: [],
        updatedBy: 'someone-else',
      });
    });

    it('refuses an invalid consent without storing anything', async () => {
      const id = await dataset();
      await expect(
        consents.setConsent(id, { permission: 'DS', diseases: [] }, steward),
      ).rejects.toMatchObject({
        code: 'INVALID_CONSENT',
        message: expect.stringContaining('DS needs at least one disease id'),
      });
      expect(await consents.getConsent(id)).toBeNull();
    });

    it('refuses a consent for an unknown dataset and for an anonymous actor', async () => {
      await expect(
        consents.setConsent(uniqueId('missing'), { permission: 'GRU' }, steward),
      ).rejects.toMatchObject({
        code: 'UNKNOWN_DATASET',
      });
      await expect(
        consents.setConsent(await dataset(), { permission: 'GRU' }, { subject: null }),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    });

    it('deletes the consent with its dataset (ON DELETE CASCADE) and the database rejects a DS without diseases', async () => {
      const id = await dataset();
      await consents.setConsent(id, { permission: 'HMB' }, steward);
      const db = app.get(DataSource);
      await expect(
        db.query(`UPDATE dataset_consent SET permission = 'DS' WHERE dataset_id = $1`, [id]),
      ).rejects.toThrow(/check constraint/);
      await db.query(`DELETE FROM dataset WHERE id = $1`, [id]);
      expect(await consents.getConsent(id)).toBeNull();
    });

    it('migration down drops the table and up recreates it (inside a rolled-back transaction)', async () => {
      const runner = app.get(DataSource).createQueryRunner();
      const exists = async () =>
        ((await runner.query(`SELECT to_regclass('dataset_consent') AS t`)) as { t: string | null }[])[0]
          .t !== null;
      await runner.startTransaction();
      try {
        const migration = new DatasetConsent1764510000000();
        await migration.down(runner);
        expect(await exists()).toBe(false);
        await migration.up(runner);
        expect(await exists()).toBe(true);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('matches a purpose against the stored consent', async () => {
      const id = await dataset();
      await consents.setConsent(
        id,
        { permission: 'DS', diseases: ['MONDO:0004992'], modifiers: [{ code: 'NCU' }] },
        steward,
      );
      const ok = await consents.matchDataset(id, {
        category: 'DISEASE_SPECIFIC',
        diseases: ['MONDO:0007254'],
        commercial: false,
        forProfitOrganization: true,
      });
      expect(ok.outcome).toBe('APPROVE');
      const commercial = await consents.matchDataset(id, {
        category: 'DISEASE_SPECIFIC',
        diseases: ['MONDO:0007254'],
        commercial: true,
        forProfitOrganization: true,
      });
      expect(commercial.outcome).toBe('DENY');
      expect(commercial.reasons.find((r) => r.code === 'NCU')?.verdict).toBe('DENY');
    });
  });

  describe('GraphQL', () => {
    it('serves the DUO catalogue with duoTerms', async () => {
      const body = await gql<{
        duoTerms: { id: string; shorthand: string | null; label: string; kind: string }[];
      }>('{ duoTerms { id shorthand label description kind } }');
      expect(body.errors).toBeUndefined();
      expect(body.data!.duoTerms).toHaveLength(25);
      expect(body.data!.duoTerms).toContainEqual(
        expect.objectContaining({
          id: 'DUO:0000007',
          shorthand: 'DS',
          label: 'disease specific research',
          kind: 'PERMISSION',
        }),
      );
      expect(body.data!.duoTerms.filter((t) => t.kind === 'MODIFIER').map((t) => t.shorthand)).toContain(
        'NMDS',
      );
    });
  });
});
