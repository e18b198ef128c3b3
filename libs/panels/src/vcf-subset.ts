import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface SubsetOptions {
  /** Keeps sample column `index` (0-based among the samples) when true. */
  keep: (index: number, sampleId: string) => boolean;
  /** Replace INFO by `.` (a panel derived from a cohort must not carry the cohort's INFO/AF). */
  stripInfo?: boolean;
}

/**
 * Writes a copy of a VCF (plain or gzip) with only some of its samples, gzipped: how a node derives a
 * reference panel and the datasets it prices from one cohort, with no person in both. Reads the file
 * whole (meant for the demo and test cohorts, a few MB); the text is otherwise unchanged.
 */
export function writeSampleSubset(
  input: string,
  output: string,
  opts: SubsetOptions,
): { samples: number; records: number } {
  const raw = fs.readFileSync(input);
  const text = (raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const out: string[] = [];
  let columns: number[] | null = null;
  let records = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('##')) {
      if (!(opts.stripInfo && line.startsWith('##INFO='))) out.push(line);
      continue;
    }
    const f = line.split('\t');
    if (line.startsWith('#CHROM')) {
      columns = [];
      for (let i = 9; i < f.length; i++) if (opts.keep(i - 9, f[i])) columns.push(i);
      out.push([...f.slice(0, 9), ...columns.map((i) => f[i])].join('\t'));
      continue;
    }
    if (!columns) throw new Error(`${input}: data before the #CHROM line`);
    if (opts.stripInfo) f[7] = '.';
    out.push([...f.slice(0, 9), ...columns.map((i) => f[i])].join('\t'));
    records++;
  }
  fs.writeFileSync(output, zlib.gzipSync(Buffer.from(`${out.join('\n')}\n`, 'utf8')));
  return { samples: columns?.length ?? 0, records };
}
