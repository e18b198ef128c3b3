import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PanelService, writeSampleSubset } from '@helixgate/panels';
import { PrivacyGuardService, contigPloidy } from '@helixgate/privacy';
import { DatasetService, IngestService } from '@helixgate/variants';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import {
  FIXTURE_VCF_DIR,
  carriedAlleles,
  importPanel,
  shippedPoliciesWithPanels,
} from '../support/privacy-panels';
import { makeActor, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

/**
 * docs/privacy.md promises that a member whose budget is spent is answered exactly as if absent. Two
 * datasets are ingested from the same real 1000 Genomes file, one with a member and one without: in the
 * second the member's place is taken by a non-member (the dataset's size is public, so the question an
 * attacker asks is "is the target one of these N people?"); the same
 * caller asks both every allele the member carries, in the same order, under the shipped policy and the
 * panel of 203 other individuals. Once the member is exhausted in the first dataset, every answer about
 * the member's alleles must be the same in both (those the stand-in does not carry). The alleles asked are those the budget governs (priced
 * or unaffordable by the panel); common ones are answered from the aggregates, uncharged. (Before issue 10 prices came from the dataset's own
 * counts, which include the member: the other carriers' prices, and so the answers, differed.)
 */
describe('a member whose budget is spent is answered as if absent (real genotypes, over HTTP)', () => {
  let app: INestApplication;
  let base: string;
  const withT = uniqueId('with');
  const without = uniqueId('without');
  const panel = uniqueId('panel');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-absent-'));
  const source = path.join(FIXTURE_VCF_DIR, '1kgp3_chr20_1-4Mb_300s.vcf.gz');
  const MEMBERS = 80;
  const TARGET = 17; // a sample index among the members
  const STAND_IN = MEMBERS; // the first sample after the members: in no dataset here
  let actors: Actor[] = [];
  let asked = 0;

  beforeAll(async () => {
    app = await createGateway(
      testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels({ [withT]: panel, [without]: panel }) }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await importPanel(app, panel, path.join(FIXTURE_VCF_DIR, '1kgp3_chr20_1-4Mb_203s_unphased.vcf.gz'));
    const a = path.join(work, 'with.vcf.gz');
    const b = path.join(work, 'without.vcf.gz');
    writeSampleSubset(source, a, { keep: (i) => i < MEMBERS });
    writeSampleSubset(source, b, { keep: (i) => (i < MEMBERS && i !== TARGET) || i === STAND_IN });
    for (const [id, file] of [
      [withT, a],
      [without, b],
    ]) {
      await app.get(DatasetService).create({ id, name: id, assembly: 'GRCh37', securityLevel: 'PUBLIC' });
      await app.get(IngestService).ingestFile(id, file);
    }
    // Several accounts take turns (the shipped rate limit is per account; budgets are shared by all).
    actors = await Promise.all([0, 1, 2, 3].map(() => makeActor(app, ['researcher'])));
  }, 300_000);
  afterAll(async () => {
    await app.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const ask = async (dataset: string, key: string): Promise<boolean> => {
    const [chrom, pos, ref, alt] = key.split(':');
    const url =
      `${base}/api/g_variants?assemblyId=GRCh37&referenceName=${chrom}&start=${Number(pos) - 1}` +
      `&referenceBases=${ref}&alternateBases=${alt}&datasetIds=${dataset}&requestedGranularity=boolean`;
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${actors[asked++ % actors.length].token}` },
    });
    const body = (await res.json()) as { responseSummary?: { exists: boolean } };
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    return body.responseSummary!.exists;
  };

  const exhausted = async (dataset: string, idx: number) => {
    const rows: unknown[] = await app
      .get(DataSource)
      .query(
        `SELECT 1 FROM privacy_individual_budget WHERE dataset_id = $1 AND individual_idx = $2 AND exhausted_at IS NOT NULL`,
        [dataset, idx],
      );
    return rows.length > 0;
  };

  it('gives the same answers with and without the member once the member is exhausted', async () => {
    const { samples, carried } = carriedAlleles(path.join(work, 'with.vcf.gz'));
    const guard = app.get(PrivacyGuardService);
    const policy = guard.policyFor(withT);
    const all = carriedAlleles(source);
    const standIn = new Set(all.carried.get(all.samples[STAND_IN]));
    const mine = carried.get(samples[TARGET])!.filter((k) => !standIn.has(k));
    const panelAlleles = await app.get(PanelService).allelesByKey(
      await app.get(PanelService).get(panel),
      mine.map((k) => {
        const [chrom, pos, ref, alt] = k.split(':');
        return { chrom, pos: Number(pos), ref, alt };
      }),
    );
    const freq = new Map(panelAlleles.map((a) => [`${a.chrom}:${a.pos}:${a.ref}:${a.alt}`, a]));
    const alleles = mine.filter(
      (k) =>
        guard.band(
          guard.pricingFrequency(freq.get(k) ?? null, policy),
          MEMBERS,
          contigPloidy('20'),
          policy,
        ) !== 'free',
    );
    const after: { key: string; withT: boolean; without: boolean }[] = [];
    let spentAt = -1;
    for (let j = 0; j < alleles.length; j++) {
      const [x, y] = await Promise.all([ask(withT, alleles[j]), ask(without, alleles[j])]);
      if (spentAt >= 0) after.push({ key: alleles[j], withT: x, without: y });
      else if (await exhausted(withT, TARGET)) spentAt = j;
    }
    expect(spentAt).toBeGreaterThanOrEqual(0); // the member's budget did run out
    expect(after.length).toBeGreaterThan(50);
    expect(after.some((a) => a.withT)).toBe(true); // other members still make some answers "yes"
    expect(after.filter((a) => a.withT !== a.without)).toEqual([]);
  }, 600_000);
});
