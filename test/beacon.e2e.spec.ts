import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createGateway } from '../apps/gateway/src/bootstrap';
import { createTestDataset, insertTestVariants } from './support/beacon-factory';
import { testConfig, uniqueId } from './support/test-config';
import { exactAnswerPolicies } from './support/test-policies';

interface ResultSet {
  datasetId: string;
  exists: boolean;
  granularity: string;
  count: number | null;
  hetCarriers: number | null;
  homAltCarriers: number | null;
  hemiCarriers: number | null;
  alleleCount: number | null;
  alleleNumber: number | null;
  alleleFrequency: number | null;
}
interface BeaconBody {
  data?: {
    beacon: {
      meta: {
        requestId: string;
        beaconId: string;
        requestedGranularity: string;
        returnedGranularity: string;
      };
      exists: boolean;
      numTotalResults: number | null;
      resultSets: ResultSet[];
    };
  };
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

const BEACON = `query Q($q: BeaconQueryInput!) { beacon(query: $q) {
  meta { requestId beaconId requestedGranularity returnedGranularity }
  exists numTotalResults
  resultSets { datasetId exists granularity count hetCarriers homAltCarriers hemiCarriers alleleCount alleleNumber alleleFrequency }
} }`;

describe('beacon query over HTTP (GraphQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let base: string;
  let pub: string; // PUBLIC GRCh37
  let pub2: string; // PUBLIC GRCh37, for multi-dataset answers
  let controlled: string; // CONTROLLED GRCh37
  let grch38: string; // PUBLIC GRCh38

  async function beacon(q: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: BEACON, variables: { q } }),
    });
    return { res, body: (await res.json()) as BeaconBody };
  }
  async function answer(q: Record<string, unknown>) {
    const { body } = await beacon(q);
    expect(body.errors).toBeUndefined();
    return body.data!.beacon;
  }
  async function errorOf(q: Record<string, unknown>) {
    const { body } = await beacon(q);
    expect(body.data?.beacon ?? null).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions.stacktrace).toBeUndefined();
    return body.errors![0];
  }
  const seq = (over: Record<string, unknown> = {}) => ({
    assemblyId: 'GRCh37',
    referenceName: '20',
    start: 999,
    referenceBases: 'A',
    alternateBases: 'G',
    datasetIds: [pub],
    requestedGranularity: 'COUNT',
    ...over,
  });
  const range = (start: number, end: number, over: Record<string, unknown> = {}) => ({
    assemblyId: 'GRCh37',
    referenceName: '20',
    start,
    end,
    datasetIds: [pub],
    requestedGranularity: 'COUNT',
    ...over,
  });

  beforeAll(async () => {
    app = await createGateway(
      testConfig({ HELIXGATE_MAX_RANGE_BP: '100000', HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    ds = app.get(DataSource);
    pub = await createTestDataset(app, uniqueId('bcn'));
    pub2 = await createTestDataset(app, uniqueId('bcn'));
    controlled = await createTestDataset(app, uniqueId('bcn'), { securityLevel: 'CONTROLLED' });
    grch38 = await createTestDataset(app, uniqueId('bcn'), { assembly: 'GRCh38' });
    await insertTestVariants(app, pub, [
      // POS 1000 A>G, and a multi-allelic site split into two rows at POS 2000.
      { chrom: '20', pos: 1000, ref: 'A', alt: 'G', ac: 5, an: 600, het: 3, homAlt: 1 },
      { chrom: '20', pos: 2000, ref: 'C', alt: 'T', ac: 2, an: 600, het: 2 },
      { chrom: '20', pos: 2000, ref: 'C', alt: 'A', ac: 1, an: 600, het: 1 },
      // Deletion REF=ACGT at POS 3000: occupies 3000..3003.
      { chrom: '20', pos: 3000, ref: 'ACGT', alt: 'A', ac: 4, an: 600, het: 4 },
      // A 50 kb structural deletion starting far before the windows below.
      {
        chrom: '20',
        pos: 10_000,
        ref: 'N',
        alt: '<DEL>',
        endPos: 60_000,
        type: 'DEL',
        ac: 1,
        an: 600,
        het: 1,
      },
      { chrom: '20', pos: 70_000, ref: 'G', alt: 'C', type: 'SNP', ac: 2, an: 600, homAlt: 1, het: 0 },
      { chrom: 'X', pos: 5000, ref: 'T', alt: 'C', ac: 3, an: 450, het: 1, homAlt: 0, hemi: 2 },
    ]);
    await insertTestVariants(app, pub2, [
      { chrom: '20', pos: 1000, ref: 'A', alt: 'G', ac: 7, an: 100, het: 5, homAlt: 1 },
    ]);
    await insertTestVariants(app, controlled, [
      { chrom: '20', pos: 1000, ref: 'A', alt: 'G', ac: 1, an: 10 },
    ]);
    await insertTestVariants(app, grch38, [{ chrom: '20', pos: 1000, ref: 'A', alt: 'G', ac: 1, an: 10 }]);
  });
  afterAll(async () => {
    await ds.query(`DELETE FROM dataset WHERE id = ANY($1)`, [[pub, pub2, controlled, grch38]]);
    await app.close();
  });

  it('answers a sequence query at 0-based start = POS - 1 with counts, carriers, AC/AN and the request id', async () => {
    const { res, body } = await beacon(seq(), { 'x-request-id': 'beacon-e2e-1' });
    // this node's own id (never the client's), in the header and in the answer
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const b = body.data!.beacon;
    expect(b.meta).toMatchObject({
      requestId: res.headers.get('x-request-id'),
      requestedGranularity: 'COUNT',
      returnedGranularity: 'COUNT',
    });
    expect(b.exists).toBe(true);
    expect(b.numTotalResults).toBe(1);
    expect(b.resultSets).toEqual([
      {
        datasetId: pub,
        exists: true,
        granularity: 'COUNT',
        count: 1,
        hetCarriers: 3,
        homAltCarriers: 1,
        hemiCarriers: 0,
        alleleCount: 5,
        alleleNumber: 600,
        alleleFrequency: 5 / 600,
      },
    ]);
  });

  it('does not find the allele at start = POS (off by one) nor with another ALT', async () => {
    expect((await answer(seq({ start: 1000 }))).exists).toBe(false);
    const other = await answer(seq({ alternateBases: 'T' }));
    expect(other.exists).toBe(false);
    expect(other.numTotalResults).toBe(0);
    expect(other.resultSets[0]).toMatchObject({ exists: false, count: 0, alleleCount: null });
  });

  it("treats chr20, 20 and the assembly's RefSeq accession as the same chromosome; refuses the other assembly's", async () => {
    for (const referenceName of ['chr20', '20', 'NC_000020.10'])
      expect((await answer(seq({ referenceName }))).resultSets[0].count).toBe(1);
    // NC_000020.11 is GRCh38's chromosome 20: asked of GRCh37 data it is refused, not answered.
    const refused = await errorOf(seq({ referenceName: 'NC_000020.11' }));
    expect(refused.extensions.code).toBe('INVALID_REFERENCE_NAME');
    expect(refused.message).toContain('of GRCh38, not of GRCh37');
  });

  it('matches N as any one base: each split ALT of a multi-allelic site counts, AC/AN only for a single row', async () => {
    const both = await answer(seq({ start: 1999, referenceBases: 'C', alternateBases: 'N' }));
    expect(both.resultSets[0]).toMatchObject({
      count: 2,
      hetCarriers: 3,
      alleleCount: null,
      alleleNumber: null,
    });
    const one = await answer(seq({ start: 1999, referenceBases: 'N', alternateBases: 'A' }));
    expect(one.resultSets[0]).toMatchObject({ count: 1, alleleCount: 1, alleleNumber: 600 });
    expect((await answer(seq({ start: 1999, referenceBases: 'C', alternateBases: 'NN' }))).exists).toBe(
      false,
    );
    expect((await answer(seq({ start: 2999, referenceBases: 'ANNT', alternateBases: 'A' }))).exists).toBe(
      true,
    );
  });

  it('range queries: end is exclusive, a deletion overlaps through its last base', async () => {
    expect((await answer(range(999, 1000))).numTotalResults).toBe(1); // exactly POS 1000
    expect((await answer(range(1000, 1999))).numTotalResults).toBe(0); // after 1000, before 2000
    expect((await answer(range(1000, 2000))).numTotalResults).toBe(2); // the two ALTs at 2000
    expect((await answer(range(3002, 3010))).numTotalResults).toBe(1); // its last base: POS 3003, 0-based 3002
    expect((await answer(range(3003, 3010))).numTotalResults).toBe(0); // just after it
    const wide = await answer(range(0, 5000));
    expect(wide.resultSets[0]).toMatchObject({
      count: 4,
      hetCarriers: 10,
      homAltCarriers: 1,
      alleleCount: null,
    });
  });

  it('range queries find a structural variant that starts long before the window (max_variant_length)', async () => {
    expect((await answer(range(40_000, 40_010))).resultSets[0].count).toBe(1);
    expect((await answer(range(59_999, 60_000))).resultSets[0].count).toBe(1); // its last base
    expect((await answer(range(60_000, 60_010))).resultSets[0].count).toBe(0);
  });

  it('bracket queries: the variant begins within [start, startMax) and ends within [end, endMax) (half-open)', async () => {
    // The <DEL> at POS 10,000 (0-based start 9,999) with its last base at 60,000 (0-based exclusive end 60,000).
    const bracket = (start: number, startMax: number, end: number, endMax: number, over = {}) =>
      answer({ ...range(start, end), startMax, endMax, ...over });
    expect((await bracket(9_990, 10_010, 59_990, 60_010)).resultSets[0].count).toBe(1);
    expect((await bracket(9_999, 10_000, 60_000, 60_001)).resultSets[0].count).toBe(1); // precise match
    // The spec's precise-match idiom start = [p, p + 1], end = [p + 1, p + 2] finds the SNV at p (POS
    // 1000, 0-based 999), and never its neighbour: asked at p = 998 it finds nothing.
    expect((await bracket(999, 1000, 1000, 1001)).resultSets[0].count).toBe(1);
    expect((await bracket(998, 999, 999, 1000)).resultSets[0].count).toBe(0);
    expect((await bracket(10_000, 10_010, 59_990, 60_010)).resultSets[0].count).toBe(0); // begins before
    expect((await bracket(9_990, 10_010, 60_001, 60_010)).resultSets[0].count).toBe(0); // ends before
    expect((await bracket(9_990, 10_010, 59_990, 60_010, { variantType: 'DUP' })).resultSets[0].count).toBe(
      0,
    );
    // Small variants inside the bracket's span but not matching its ends are not counted.
    expect((await bracket(0, 70_000, 0, 80_000)).numTotalResults).toBe(6);
    expect((await errorOf({ ...range(100, 200), startMax: 50, endMax: 300 })).extensions.code).toBe(
      'INVALID_COORDINATES',
    );
    expect((await errorOf({ ...range(100, 200), startMax: 100, endMax: 300 })).extensions.code).toBe(
      'INVALID_COORDINATES',
    );
    expect((await errorOf({ ...range(100, 200), startMax: 150 })).extensions.code).toBe(
      'INVALID_COORDINATES',
    );
  });

  it('filters a range by variantType (INDEL: sequence indels; DEL: small and symbolic deletions)', async () => {
    expect((await answer(range(0, 80_000, { variantType: 'SNP' }))).numTotalResults).toBe(4);
    expect((await answer(range(0, 80_000, { variantType: 'INDEL' }))).numTotalResults).toBe(1);
    // DEL: the small deletion ACGT>A (stored as INDEL, classed by its lengths) and the symbolic <DEL>.
    expect((await answer(range(0, 80_000, { variantType: 'DEL' }))).numTotalResults).toBe(2);
    expect((await answer(range(0, 80_000, { variantType: 'SO:0000159' }))).numTotalResults).toBe(2);
    expect((await answer(range(0, 80_000, { variantType: 'INS' }))).numTotalResults).toBe(0);
    // An SV subtype or a copy-number term: the symbolic deletion only.
    expect((await answer(range(0, 80_000, { variantType: 'DEL:ME:ALU' }))).numTotalResults).toBe(1);
    expect((await answer(range(0, 80_000, { variantType: 'EFO:0030067' }))).numTotalResults).toBe(1);
    expect((await answer(range(0, 80_000, { variantType: 'DUP' }))).numTotalResults).toBe(0);
    // Lengths: SNPs are 1 base, ACGT>A 3 bases, the <DEL> 50,000 (END - POS).
    expect((await answer(range(0, 80_000, { variantMaxLength: 1 }))).numTotalResults).toBe(4);
    expect(
      (await answer(range(0, 80_000, { variantMinLength: 2, variantMaxLength: 10 }))).numTotalResults,
    ).toBe(1);
    expect((await answer(range(0, 80_000, { variantMinLength: 1000 }))).numTotalResults).toBe(1);
    expect(
      (await answer(range(0, 80_000, { variantType: 'DEL', variantMinLength: 1000 }))).numTotalResults,
    ).toBe(1);
    expect((await answer(range(0, 80_000, { alternateBases: 'C' }))).numTotalResults).toBe(1);
  });

  it('never lets N match a symbolic allele or a spanning deletion', async () => {
    expect((await answer(seq({ start: 9_999, referenceBases: 'N', alternateBases: 'NNNNN' }))).exists).toBe(
      false,
    );
    const id = await createTestDataset(app, uniqueId('bcn'));
    await insertTestVariants(app, id, [{ chrom: '20', pos: 500, ref: 'A', alt: '*', type: 'SPANNING_DEL' }]);
    try {
      expect((await answer(seq({ datasetIds: [id], start: 499, alternateBases: 'N' }))).exists).toBe(false);
      expect((await answer(range(0, 1000, { datasetIds: [id] }))).exists).toBe(false);
    } finally {
      await ds.query(`DELETE FROM dataset WHERE id = $1`, [id]);
    }
  });

  it('reports hemizygous carriers on X', async () => {
    const x = await answer(
      seq({ referenceName: 'chrX', start: 4999, referenceBases: 'T', alternateBases: 'C' }),
    );
    expect(x.resultSets[0]).toMatchObject({ hetCarriers: 1, hemiCarriers: 2, alleleCount: 3 });
  });

  it('answers BOOLEAN without counts, and RECORD at most at COUNT', async () => {
    const boolean = await answer(seq({ requestedGranularity: 'BOOLEAN' }));
    expect(boolean.exists).toBe(true);
    expect(boolean.numTotalResults).toBeNull();
    expect(boolean.meta.returnedGranularity).toBe('BOOLEAN');
    expect(boolean.resultSets[0]).toMatchObject({
      exists: true,
      granularity: 'BOOLEAN',
      count: null,
      hetCarriers: null,
      alleleCount: null,
    });
    const record = await answer(seq({ requestedGranularity: 'RECORD' }));
    expect(record.meta).toMatchObject({ requestedGranularity: 'RECORD', returnedGranularity: 'COUNT' });
    expect(record.resultSets[0].granularity).toBe('COUNT');
  });

  it('sums over several datasets; without datasetIds asks every visible dataset of the assembly only', async () => {
    const two = await answer(seq({ datasetIds: [pub, pub2] }));
    expect(two.numTotalResults).toBe(2);
    expect(two.resultSets.map((r) => [r.datasetId, r.alleleCount])).toEqual([
      [pub, 5],
      [pub2, 7],
    ]);
    const all = await answer(seq({ datasetIds: null }));
    const ids = all.resultSets.map((r) => r.datasetId);
    expect(ids).toEqual(expect.arrayContaining([pub, pub2]));
    expect(ids).not.toContain(controlled);
    expect(ids).not.toContain(grch38);
    const on38 = await answer(seq({ assemblyId: 'GRCh38', datasetIds: null }));
    expect(on38.resultSets.map((r) => r.datasetId)).toContain(grch38);
    expect(on38.resultSets.map((r) => r.datasetId)).not.toContain(pub);
  });

  it('refuses a CONTROLLED dataset to an anonymous caller exactly as a dataset that does not exist', async () => {
    const hidden = await errorOf(seq({ datasetIds: [controlled] }));
    const absent = await errorOf(seq({ datasetIds: ['no-such-dataset'] }));
    expect(hidden.extensions.code).toBe('UNKNOWN_DATASET');
    expect(absent.extensions.code).toBe('UNKNOWN_DATASET');
    expect(hidden.message).toBe(`dataset "${controlled}" not found or no access`);
    expect(absent.message).toBe('dataset "no-such-dataset" not found or no access');
  });

  it('notices a dataset made CONTROLLED after its metadata was cached', async () => {
    const id = await createTestDataset(app, uniqueId('bcn'));
    await insertTestVariants(app, id, [{ chrom: '20', pos: 1000, ref: 'A', alt: 'G' }]);
    try {
      expect((await answer(seq({ datasetIds: null }))).resultSets.map((r) => r.datasetId)).toContain(id);
      await ds.query(`UPDATE dataset SET security_level = 'CONTROLLED' WHERE id = $1`, [id]);
      expect((await answer(seq({ datasetIds: null }))).resultSets.map((r) => r.datasetId)).not.toContain(id);
      expect((await errorOf(seq({ datasetIds: [id] }))).extensions.code).toBe('UNKNOWN_DATASET');
    } finally {
      await ds.query(`DELETE FROM dataset WHERE id = $1`, [id]);
    }
  });

  it('leaves one audit event per query naming the datasets and granularity, and none of the bases', async () => {
    const requestId = uniqueId('beacon-audit');
    await beacon(seq({ datasetIds: [pub, pub2] }), { 'x-request-id': requestId });
    const events: { dataset_ids: string[]; granularity: string; outcome: string; detail: unknown }[] =
      await ds.query(
        `SELECT dataset_ids, granularity, outcome, detail FROM audit_event WHERE detail->>'clientRequestId' = $1`,
        [requestId],
      );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ granularity: 'COUNT', outcome: 'allow' });
    expect([...events[0].dataset_ids].sort()).toEqual([pub, pub2].sort());
    expect(JSON.stringify(events[0].detail)).not.toMatch(/"(A|G)"|999|1000/);

    const refusedId = uniqueId('beacon-audit');
    await beacon(seq({ datasetIds: [controlled] }), { 'x-request-id': refusedId });
    const refused: { dataset_ids: string[]; outcome: string; reason: string }[] = await ds.query(
      `SELECT dataset_ids, outcome, reason FROM audit_event WHERE detail->>'clientRequestId' = $1`,
      [refusedId],
    );
    // the caller is told "not found or no access"; the trail names the dataset that was asked for
    expect(refused).toEqual([{ dataset_ids: [controlled], outcome: 'deny', reason: 'UNKNOWN_DATASET' }]);
  });

  it('answers from two gateways sharing one database (PGlite: one session, no prepared-statement clash)', async () => {
    const other = await createGateway(testConfig({ HELIXGATE_POLICIES_DIR: exactAnswerPolicies() }));
    try {
      await other.listen(0, '127.0.0.1');
      const otherBase = (await other.getUrl()).replace('[::1]', '127.0.0.1');
      const ask = async (url: string) => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: BEACON, variables: { q: seq() } }),
        });
        return ((await res.json()) as BeaconBody).data?.beacon.numTotalResults;
      };
      const answers = await Promise.all([base, otherBase, base, otherBase].map(ask));
      expect(answers).toEqual([1, 1, 1, 1]);
    } finally {
      await other.close();
    }
  });

  it('refuses invalid input with a stable code, never an empty answer', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [seq({ assemblyId: 'GRCh36' }), 'INVALID_ASSEMBLY'],
      [seq({ assemblyId: 'GRCh38' }), 'INVALID_ASSEMBLY'], // pub is a GRCh37 dataset
      [seq({ referenceName: 'chr99' }), 'INVALID_REFERENCE_NAME'],
      [seq({ start: -1 }), 'INVALID_COORDINATES'],
      [range(500, 400), 'INVALID_COORDINATES'],
      [range(0, 100_001), 'RANGE_TOO_WIDE'],
      [seq({ referenceBases: 'AX' }), 'INVALID_BASES'],
      [seq({ alternateBases: null }), 'INVALID_BASES'],
      [range(0, 10, { variantType: 'WEIRD' }), 'INVALID_VARIANT_TYPE'],
    ];
    for (const [q, code] of cases) {
      const err = await errorOf(q);
      expect({ q, code: err.extensions.code }).toEqual({ q, code });
    }
  });
});
