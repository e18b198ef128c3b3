import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compactFileName, readCompactFile, shippedOntologyDir } from '@helixgate/ontology';

export interface OntologyBenchResult {
  terms: number;
  loadMs: number;
  /** Reference: gunzip + JSON.parse of the same file (warm), the floor of any loader of this format. */
  parseOnlyMs: number;
  heapMiB: number;
  descendantsMs: number;
  descendantsCount: number;
  isAPerSecond: number;
  xrefIndexMs: number;
}

/** MONDO as the DUO matcher loads it: a cold load (first in this process), a descendants expansion, is_a checks, the first xref lookup. */
export function runOntologyBench(): OntologyBenchResult {
  const file = path.join(shippedOntologyDir(), compactFileName('MONDO'));
  const heapBefore = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  const mondo = readCompactFile(file);
  const loadMs = performance.now() - t1;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  // after the cold load, so it runs on warm code: the floor of any loader of this format
  const t0 = performance.now();
  JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8'));
  const parseOnlyMs = performance.now() - t0;
  const t2 = performance.now();
  const descendants = mondo.descendants('MONDO:0004992'); // cancer (includes building the child index)
  const descendantsMs = performance.now() - t2;
  const n = 20_000;
  const t3 = performance.now();
  for (let i = 0; i < n; i++) mondo.isSameOrDescendant('MONDO:0005575', 'MONDO:0004992');
  const isAPerSecond = n / ((performance.now() - t3) / 1000);
  const t4 = performance.now();
  mondo.resolve('DOID:162');
  const xrefIndexMs = performance.now() - t4;
  return {
    terms: mondo.size,
    loadMs,
    parseOnlyMs,
    heapMiB,
    descendantsMs,
    descendantsCount: descendants.size,
    isAPerSecond,
    xrefIndexMs,
  };
}
