import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PanelService } from '@helixgate/panels';
import { PrivacyGuardService, contigPloidy, revelationCost } from '@helixgate/privacy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DatasetService, IndividualMetadataService, IngestService } from '@helixgate/variants';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { makeActor, type Actor } from '../support/actors';
import { importPanel, shippedPoliciesWithPanels } from '../support/privacy-panels';
import { testConfig } from '../support/test-config';
import { phenotypeOf, sexOf, type Answer, type Attack, type GuardKnowledge } from './attacks';
import type { Cohort } from './cohort';
import { Rng } from './rng';
import { powerAtFpr, wilson } from './scoring';

/**
 * The attack harness against the real gateway over HTTP (REST /api/g_variants), with the shipped
 * policies (only the dataset -> panel mapping is added) and the cohort's panel imported as an operator
 * would. The cohort's members are ingested into `copies` identical datasets so that several targets are
 * attacked at once; before each (target, attack) the copy's privacy ledger (budgets, decisions, quotas)
 * is cleared, so every attack meets the guard fresh (the attacker is the first to ask: its best case).
 *
 * Answers that cannot depend on the ledger — alleles the panel prices as free (common) or unaffordable,
 * and every answer of the undefended copy — are asked once over HTTP and reused for every target; the
 * priced alleles are asked by each attack itself.
 *
 * One setting differs from the shipped policies: the rate limit is lifted. It paces queries (600 per
 * minute per account) and is a second line, not part of what is measured: power is reported per number
 * of queries, whatever the time they take. With it, the table would take hours.
 */
export interface HarnessOptions {
  cohort: Cohort;
  attacks: readonly Attack[];
  /** Datasets attacked in parallel. */
  copies: number;
  /** Targets tested (indexes into cohort.carried); default all. */
  targets?: number[];
  seed: number;
  /** Random present alleles (and as many common ones) the honest account asks; 0: no utility pass. */
  utilityQueries: number;
  /** Epoch ms: no target is started after it; the rows are over the targets done (all attacks each). */
  deadline?: number;
  log?: (line: string) => void;
}

export interface AttackRow {
  attack: string;
  q: readonly number[];
  power: number[];
  high: number[];
  members: number;
  controls: number;
  /** The scores behind each power (per Q): members' and controls'. */
  scores: { members: number[]; controls: number[] }[];
}

export interface HarnessResult {
  cohort: string;
  rows: AttackRow[];
  utility: {
    present: number;
    presentQueries: number;
    common: number;
    commonQueries: number;
    /** Utility queries refused (quota or share): counted as not kept. */
    refused: number;
    /** Allele counts of common alleles the honest account was told before its count budget refused one. */
    counts: number;
    countsAsked: number;
    /** Their mean absolute error, in allele frequency (noisy count vs the exact one, over AN). */
    countError: number;
  };
  priced: { perTarget: number };
  seconds: number;
  queries: number;
}

class Client {
  queries = 0;
  constructor(private readonly base: string) {}

  async ask(
    datasetId: string,
    key: string,
    granularity: 'boolean' | 'count',
    actor: Actor,
    filters: string[] = [],
  ): Promise<Answer> {
    const [chrom, pos, ref, alt] = key.split(':');
    const url =
      `${this.base}/api/g_variants?assemblyId=${'GRCh'}&referenceName=${chrom}&start=${Number(pos) - 1}` +
      `&referenceBases=${ref}&alternateBases=${alt}&datasetIds=${datasetId}` +
      `&requestedGranularity=${granularity}&includeResultsetResponses=ALL` +
      (filters.length ? `&filters=${filters.join(',')}` : '');
    for (;;) {
      const t0 = performance.now();
      const res = await fetch(url.replace('GRCh', this.assembly), {
        headers: { authorization: `Bearer ${actor.token}` },
      });
      const body = (await res.json()) as {
        responseSummary?: { exists: boolean };
        response?: {
          resultSets?: {
            info?: { alleleCount?: number | null; alleleNumber?: number | null; cohortBelowFloor?: boolean };
          }[];
        };
        info?: { warnings?: string[]; code?: string };
        error?: { errorMessage: string };
      };
      const ms = performance.now() - t0;
      this.queries++;
      if (res.status === 429 && /rate limit/.test(body.error?.errorMessage ?? '')) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (res.status === 429) {
        // PRIVACY_QUOTA_EXCEEDED (quota of priced alleles, or the account's share of the budgets): decided
        // from the panel and the account's own history before the data is read, so it says nothing about
        // the target; the attacks score it as no evidence.
        return { exists: false, alleleCount: null, alleleNumber: null, ms, refused: true };
      }
      if (res.status === 403 && body.info?.code === 'PRIVACY_COUNT_BUDGET_SPENT') {
        // The account's count budget (decided from the panel and its own earlier count answers): no evidence.
        return {
          exists: false,
          alleleCount: null,
          alleleNumber: null,
          ms,
          refused: true,
          countBudgetSpent: true,
        };
      }
      if (res.status !== 200) throw new Error(`${key}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      const info = body.response?.resultSets?.[0]?.info;
      // A narrowed cohort below the count floor is said (boolean answers: only in the warnings); any other
      // warning means the attack asked something this node does not know.
      const belowFloor = (body.info?.warnings ?? []).filter((w) => /count floor/.test(w));
      const other = (body.info?.warnings ?? []).filter((w) => !/count floor/.test(w));
      if (other.length) throw new Error(`${key}: ${other.join('; ')}`);
      return {
        withheld: info?.cohortBelowFloor === true || belowFloor.length > 0,
        exists: body.responseSummary!.exists,
        alleleCount: info?.alleleCount ?? null,
        alleleNumber: info?.alleleNumber ?? null,
        ms,
      };
    }
  }
  assembly = 'GRCh37';
}

export async function runHarness(o: HarnessOptions): Promise<HarnessResult> {
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const c = o.cohort;
  // A tag per run: two runs on one database do not touch each other's datasets.
  const tag = Math.random().toString(36).slice(2, 8);
  const guardedIds = Array.from({ length: o.copies }, (_, k) => `attack-${c.name}-${tag}-${k}`);
  const openId = `attack-${c.name}-${tag}-undefended`;
  const panel = `attack-${c.name}-${tag}-panel`;
  const mapping = Object.fromEntries([...guardedIds, openId].map((id) => [id, panel]));
  const app: INestApplication = await createGateway(
    testConfig({ HELIXGATE_POLICIES_DIR: shippedPoliciesWithPanels(mapping, [openId], 0) }),
  );
  try {
    await app.listen(0, '127.0.0.1');
    const client = new Client((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    client.assembly = c.assembly;
    const db = app.get(DataSource);
    // The undefended copy only when an attack asks it (a run of guarded rows alone ingests one copy less).
    const datasets = o.attacks.some((a) => a.target === 'undefended') ? [...guardedIds, openId] : guardedIds;
    log(`importing panel ${panel} and ingesting ${datasets.length} copies of the members (${c.describe})`);
    await importPanel(app, panel, c.panelVcf, c.assembly);
    for (const id of datasets) {
      await db.query('DELETE FROM dataset WHERE id = $1', [id]);
      await app
        .get(DatasetService)
        .create({ id, name: id, assembly: c.assembly, securityLevel: 'REGISTERED' });
      await app.get(IngestService).ingestFile(id, c.membersVcf);
      log(`  ${id} ingested`);
    }
    // The filter-narrowing attack's individual metadata (attacks.ts phenotypeOf / sexOf), as an operator
    // imports it: sex and a phenotype term per member.
    if (o.attacks.some((a) => a.filters)) {
      const raw = fs.readFileSync(c.membersVcf);
      const text = (raw[0] === 0x1f ? zlib.gunzipSync(raw) : raw).toString('utf8');
      const header = text.split('\n').find((l) => l.startsWith('#CHROM'))!;
      const samples = header.split('\t').slice(9);
      const tsv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'attack-meta-')), 'individuals.tsv');
      fs.writeFileSync(
        tsv,
        [
          'individual_id\tsex\tphenotypic_features',
          ...samples.map((id, t) => `${id}\t${sexOf(c, t)}\t${phenotypeOf(c, t)}`),
        ].join('\n') + '\n',
      );
      for (const id of datasets) await app.get(IndividualMetadataService).importFile(id, tsv);
    }
    // What the attacker may know of the rule: the public panel's prices under the shipped policy.
    const guard = app.get(PrivacyGuardService);
    const policy = guard.policyFor(guardedIds[0]);
    const panels = app.get(PanelService);
    const p = await panels.get(panel);
    const byKey = new Map<string, number>();
    for (let from = 0; from < c.keys.length; from += 20_000) {
      const keys = c.keys.slice(from, from + 20_000).map((k) => {
        const [chrom, pos, ref, alt] = k.split(':');
        return { chrom, pos: Number(pos), ref, alt };
      });
      for (const a of await panels.allelesByKey(p, keys))
        byKey.set(`${a.chrom}:${a.pos}:${a.ref}:${a.alt}`, guard.pricingFrequency(a, policy));
    }
    const price = Float64Array.from(c.keys, (k) =>
      revelationCost(byKey.get(k) ?? 0, c.members, contigPloidy(k.split(':')[0])),
    );
    const knowledge: GuardKnowledge = { price, riskBudget: policy.riskBudget };
    const ledgerFree = (s: number) =>
      price[s] < policy.minChargedCost || price[s] > policy.riskBudget + 1e-12;
    // With a count budget, a count answer depends on the asking account's earlier count answers: never cached.
    const countBudget = policy.counts.noise > 0 && policy.counts.budget > 0;

    // Accounts: per copy, five researchers of five institutions; a fresh ledger per run makes them fresh too.
    const accounts: Actor[][] = [];
    for (let k = 0; k < o.copies; k++)
      accounts.push(
        await Promise.all(
          [0, 1, 2, 3, 4].map((i) =>
            makeActor(app, ['researcher'], { bonaFide: true, institution: `attack-inst-${k}-${i}` }),
          ),
        ),
      );
    const fillers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        makeActor(app, ['researcher'], { bonaFide: true, institution: `filler-${i}` }),
      ),
    );
    const cache = new Map<string, Promise<Answer>>();
    let fill = 0;
    const cached = (dataset: string, s: number, g: 'boolean' | 'count') => {
      const key = `${dataset === openId ? 'open' : 'guarded'}|${g}|${s}`;
      let a = cache.get(key);
      if (!a) {
        a = client.ask(dataset, c.keys[s], g, fillers[fill++ % fillers.length]);
        cache.set(key, a);
      }
      return a;
    };
    const reset = async (id: string) => {
      for (const table of ['privacy_individual_budget', 'privacy_decision', 'privacy_quota'])
        await db.query(`DELETE FROM ${table} WHERE dataset_id = $1`, [id]);
    };

    const targets = o.targets ?? c.carried.map((_, t) => t);
    const rows: AttackRow[] = [];
    let pricedTotal = 0;
    // Targets outer, attacks inner: every target done has met every attack, so a run stopped at its deadline
    // (o.deadline) reports every row on the same targets. Members and controls are interleaved in a seeded
    // random order (asked members first, a drift of the machine's load over the run would read as
    // membership: the timing attack scored a load change), so the targets done are a random subsample.
    const scores = o.attacks.map((attack) => attack.q.map(() => new Map<number, number>()));
    const seconds = o.attacks.map(() => 0);
    const queue = shuffled(targets, new Rng((o.seed ^ 0x5bd1e995) >>> 0));
    const doneMembers: number[] = [];
    const doneControls: number[] = [];
    const powers = (i: number, ms = doneMembers, cs = doneControls) =>
      scores[i].map((m) =>
        powerAtFpr(
          ms.map((t) => m.get(t)!),
          cs.map((t) => m.get(t)!),
        ),
      );
    const attackOne = async (attack: Attack, i: number, k: number, t: number) => {
      const maxQ = Math.max(...attack.q) * attack.accounts;
      const dataset = attack.target === 'undefended' ? openId : guardedIds[k];
      if (attack.target === 'guarded') await reset(dataset);
      const rng = new Rng((o.seed * 7919 + t * 104729) >>> 0);
      const sites = attack.order(c, t, rng, knowledge).subarray(0, maxQ);
      const answers: Answer[] = [];
      // Accounts whose count budget refused a count: it never refills, so the harness stops asking them
      // (an attacker that then asked commoner alleles would get a few more counts, within the same bound).
      const spent = new Set<number>();
      for (let j = 0; j < sites.length; j++) {
        const s = sites[j];
        const a = j % attack.accounts;
        const actor = accounts[k][a];
        const charged = attack.target === 'guarded' && attack.granularity === 'count' && countBudget;
        if (charged && ledgerFree(s) && spent.has(a))
          answers.push({ exists: false, alleleCount: null, alleleNumber: null, ms: 0, refused: true });
        // Filtered answers are priced for the narrowed cohort: never from the cache of unfiltered ones.
        else if (!attack.filters && (attack.target === 'undefended' || (ledgerFree(s) && !charged)))
          answers.push(await cached(dataset, s, attack.granularity));
        else if (charged && ledgerFree(s)) {
          const answer = await client.ask(dataset, c.keys[s], attack.granularity, actor);
          if (answer.countBudgetSpent) spent.add(a);
          answers.push(answer);
        } else {
          answers.push(
            await client.ask(dataset, c.keys[s], attack.granularity, actor, attack.filters?.(c, t)),
          );
          if (attack.name === 'optimal rarest-first') pricedTotal++;
        }
      }
      const cum = attack.scores(c, t, sites, answers, knowledge);
      attack.q.forEach((q, qi) => {
        const n = Math.min(q * attack.accounts, cum.length);
        scores[i][qi].set(t, n > 0 ? cum[n - 1] : 0);
      });
    };
    let stopped = false;
    const worker = async (k: number) => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        if (o.deadline !== undefined && Date.now() >= o.deadline) {
          stopped = true;
          return;
        }
        for (const [i, attack] of o.attacks.entries()) {
          const t0 = Date.now();
          await attackOne(attack, i, k, t);
          seconds[i] += (Date.now() - t0) / 1000;
        }
        (t < c.members ? doneMembers : doneControls).push(t);
        const done = doneMembers.length + doneControls.length;
        if (done % 20 === 0)
          log(
            `  ${done}/${targets.length} targets (${doneMembers.length} members, ${client.queries} queries so far): ` +
              o.attacks
                .map(
                  (a, i) =>
                    `${a.name}${a.target === 'undefended' ? ' [undefended]' : ''} ${powers(i)
                      .map((x) => x.toFixed(3))
                      .join(' ')}`,
                )
                .join('; '),
          );
      }
    };
    // A line every 5 minutes too: with many targets at once and slow ones, the first 20 can take an hour.
    const progress = setInterval(
      () =>
        log(
          `  ${doneMembers.length + doneControls.length}/${targets.length} targets done, ` +
            `${client.queries} queries so far`,
        ),
      300_000,
    );
    progress.unref();
    try {
      await Promise.all(Array.from({ length: o.copies }, (_, k) => worker(k)));
    } finally {
      clearInterval(progress);
    }
    if (stopped)
      log(
        `deadline reached: ${doneMembers.length} members and ${doneControls.length} controls of ${targets.length} targets done`,
      );
    const members = [...doneMembers].sort((a, b) => a - b);
    const controls = [...doneControls].sort((a, b) => a - b);
    o.attacks.forEach((attack, i) => {
      const power = powers(i, members, controls);
      rows.push({
        attack: attack.target === 'undefended' ? `undefended (no guard): ${attack.name}` : attack.name,
        q: attack.q,
        power,
        high: power.map((x) => wilson(x, members.length).high),
        members: members.length,
        controls: controls.length,
        scores: scores[i].map((m) => ({
          members: members.map((t) => m.get(t)!),
          controls: controls.map((t) => m.get(t)!),
        })),
      });
      log(
        `${rows[rows.length - 1].attack}: ${power.map((x) => x.toFixed(3)).join(' ')} (${seconds[i].toFixed(0)} s)`,
      );
    });
    log(`${client.queries} queries`);

    // Utility: an honest researcher on a fresh copy asks random present alleles, then common ones.
    await reset(guardedIds[0]);
    const rng = new Rng(o.seed ^ 0x5eed);
    const present: number[] = [];
    const common: number[] = [];
    for (let s = 0; s < c.keys.length; s++) {
      if (c.memberCount[s] === 0) continue;
      present.push(s);
      if (c.memberCount[s] / (2 * c.members) >= 0.01) common.push(s);
    }
    const honest = await makeActor(app, ['researcher'], { bonaFide: true, institution: 'honest' });
    let refused = 0;
    const keep = async (sites: number[]) => {
      let yes = 0;
      for (const s of sites) {
        const a = await client.ask(guardedIds[0], c.keys[s], 'boolean', honest);
        if (a.exists) yes++;
        if (a.refused) refused++;
      }
      return yes / Math.max(1, sites.length);
    };
    const ps = rng.shuffle(present).slice(0, o.utilityQueries);
    const cs = rng.shuffle(common).slice(0, o.utilityQueries);
    // Counts: the same honest account asks the allele count of random common (free) alleles until its count
    // budget refuses one; how many it is told, and their mean absolute error in allele frequency.
    const free = rng
      .shuffle(common.filter((s) => price[s] < policy.minChargedCost))
      .slice(0, o.utilityQueries);
    let counted = 0;
    let error = 0;
    for (const s of free) {
      const a = await client.ask(guardedIds[0], c.keys[s], 'count', honest);
      if (a.refused) break;
      if (a.alleleCount === null || !a.alleleNumber) continue;
      counted++;
      error += Math.abs(a.alleleCount - c.memberCount[s]) / a.alleleNumber;
    }
    const utility = {
      present: await keep(ps),
      presentQueries: ps.length,
      common: await keep(cs),
      commonQueries: cs.length,
      refused,
      counts: counted,
      countsAsked: free.length,
      countError: counted ? error / counted : 0,
    };
    return {
      cohort: c.describe,
      rows,
      utility,
      priced: { perTarget: pricedTotal / Math.max(1, members.length + controls.length) },
      seconds: (Date.now() - started) / 1000,
      queries: client.queries,
    };
  } finally {
    await app.close();
  }
}

/** The table printed by `npm run privacy:attack` (docs/privacy.md): power at 5% FPR and its Wilson 95% interval's upper end. */
export function formatHarness(r: HarnessResult): string {
  const lines = [`${r.cohort}; ${r.queries} HTTP queries, ${r.seconds.toFixed(0)} s`, ''];
  const groups = new Map<string, AttackRow[]>();
  for (const row of r.rows) {
    const k = row.q.join(',');
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  for (const rows of groups.values()) {
    const q = rows[0].q;
    lines.push(`| power at 5% FPR (95% upper), Q per account | ${q.join(' | ')} |`);
    lines.push(`|---|${q.map(() => '---:').join('|')}|`);
    for (const row of rows)
      lines.push(
        `| ${row.attack} | ${row.power.map((x, i) => `${x.toFixed(2)} (${row.high[i].toFixed(2)})`).join(' | ')} |`,
      );
    lines.push('');
  }
  lines.push(
    `targets: ${r.rows[0]?.members ?? 0} members, ${r.rows[0]?.controls ?? 0} controls; priced alleles per target (optimal attack): ${r.priced.perTarget.toFixed(0)}`,
  );
  lines.push('');
  if (r.utility.presentQueries === 0) {
    lines.push('utility: not measured in this run');
    return lines.join('\n');
  }
  lines.push('| utility (fresh account, guard on) | "yes" kept |');
  lines.push('|---|---:|');
  lines.push(
    `| ${r.utility.presentQueries} random present alleles | ${(100 * r.utility.present).toFixed(1)}% |`,
  );
  lines.push(
    `| ${r.utility.commonQueries} present alleles with AF >= 1% | ${(100 * r.utility.common).toFixed(1)}% |`,
  );
  lines.push('');
  lines.push(`utility queries refused (quota or share): ${r.utility.refused}`);
  lines.push(
    `allele counts of random common alleles told to one account before its count budget refused: ` +
      `${r.utility.counts} (of ${r.utility.countsAsked} it could ask), mean |error| in AF ${r.utility.countError.toFixed(4)}`,
  );
  return lines.join('\n');
}

/** Fisher-Yates with the harness's seeded generator. */
function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
