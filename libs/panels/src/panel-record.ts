import {
  AlleleError,
  GenotypeParseError,
  MAX_POSITION,
  RecordGenotypes,
  classifyAllele,
  isValidRef,
  normalizeContig,
  type VcfLine,
  type VcfReader,
} from '@helixgate/variants';
import type { PanelAllele } from './panel.repository';

/** Where an allele's frequency came from. */
export type FrequencySource = 'INFO/AF' | 'INFO/AC+AN' | 'genotypes';

export interface ParsedPanelAllele extends PanelAllele {
  source: FrequencySource;
  lineNo: number;
}

/** A problem at one line of a panel file; the import reports it as `file:line: message`. */
export class PanelLineError extends Error {
  constructor(
    readonly lineNo: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

const POS_RE = /^\d+$/;

function numbers(v: unknown): (number | null)[] | null {
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? (v as unknown[]) : [v];
  return list.map((x) => (typeof x === 'number' && Number.isFinite(x) ? x : null));
}

/**
 * The panel alleles of one VCF data line: one per ALT (multi-allelic records split as at ingest, the same
 * contig names and allele spelling, so that a panel allele has the key of the dataset allele it prices).
 * The frequency is INFO/AF when the record has it; otherwise it is computed from the genotypes (AC/AN over
 * the called alleles); otherwise from INFO/AC and INFO/AN. `ALT=.` and `*` give nothing.
 */
export function panelAllelesOf(reader: VcfReader, line: VcfLine, gts: RecordGenotypes): ParsedPanelAllele[] {
  const text = line.text;
  const n = reader.samples.length;
  const fail = (message: string): never => {
    throw new PanelLineError(line.lineNo, message);
  };
  let tabs = 0;
  for (let i = text.indexOf('\t'); i !== -1; i = text.indexOf('\t', i + 1)) tabs++;
  const expected = n > 0 ? 9 + n : 8;
  if (tabs + 1 !== expected && !(n === 0 && tabs + 1 === 9))
    fail(`expected ${expected} tab-separated columns, found ${tabs + 1}`);
  const t1 = text.indexOf('\t');
  const rawPos = text.slice(t1 + 1, text.indexOf('\t', t1 + 1));
  if (!POS_RE.test(rawPos) || Number(rawPos) > MAX_POSITION)
    fail(`POS "${rawPos.slice(0, 20)}" is not a non-negative integer`);
  let v;
  try {
    v = reader.parser.parseLine(text);
  } catch (err) {
    return fail(`unparseable record (${(err as Error).message})`);
  }
  const rawChrom = v.CHROM ?? '';
  if (rawChrom.length === 0 || /\s/.test(rawChrom)) fail('empty or invalid CHROM');
  const chrom = normalizeContig(rawChrom);
  const ref = (v.REF ?? '').toUpperCase();
  if (!isValidRef(ref)) fail('REF must be one or more of A, C, G, T, N');
  const alts = v.ALT;
  if (!alts) return [];
  const info = v.INFO ?? {};
  const af = numbers(info.AF);
  const ac = numbers(info.AC);
  const anList = numbers(info.AN);
  const an = anList ? anList[0] : null;
  if (af && af.length !== alts.length) fail(`INFO/AF has ${af.length} values for ${alts.length} ALT alleles`);
  if (ac && ac.length !== alts.length) fail(`INFO/AC has ${ac.length} values for ${alts.length} ALT alleles`);
  if (an !== null && (!Number.isInteger(an) || an < 0)) fail('INFO/AN must be a non-negative integer');

  let genotypesParsed = false;
  const fromGenotypes = () => {
    if (!genotypesParsed) {
      gts.reset();
      try {
        v.processGenotypes((s, start, end, idx) => gts.parse(s, start, end, idx, alts.length));
      } catch (err) {
        if (err instanceof GenotypeParseError) fail(err.message);
        throw err;
      }
      genotypesParsed = true;
    }
  };
  const scratch = new Uint8Array(n + 1);
  const out: ParsedPanelAllele[] = [];
  for (let k = 0; k < alts.length; k++) {
    const rawAlt = alts[k];
    if (rawAlt === '*' || rawAlt === '.') continue;
    const alt = /^[acgtnACGTN]+$/.test(rawAlt) ? rawAlt.toUpperCase() : rawAlt;
    let allele;
    try {
      allele = classifyAllele(v.POS, ref, alt, info);
    } catch (err) {
      if (err instanceof AlleleError) fail(`ALT ${k + 1}: ${err.message}`);
      throw err;
    }
    let freq: number;
    let count: number | null = ac ? ac[k] : null;
    let number: number | null = an;
    let source: FrequencySource;
    if (af && af[k] !== null) {
      freq = af[k]!;
      if (freq < 0 || freq > 1) fail(`INFO/AF of ALT ${k + 1} is ${freq}, not within 0..1`);
      source = 'INFO/AF';
    } else if (n > 0) {
      fromGenotypes();
      const c = gts.encodeAlt(k + 1, scratch);
      count = c.ac;
      number = c.an;
      freq = c.an > 0 ? c.ac / c.an : 0;
      source = 'genotypes';
    } else if (count !== null && number !== null) {
      freq = number > 0 ? count / number : 0;
      source = 'INFO/AC+AN';
    } else {
      return fail('no allele frequency: the record has no INFO/AF, no genotypes and no INFO/AC with INFO/AN');
    }
    if (count !== null && (!Number.isInteger(count) || count < 0))
      fail(`INFO/AC of ALT ${k + 1} must be a non-negative integer`);
    if (count !== null && number !== null && count > number)
      fail(`allele count ${count} of ALT ${k + 1} exceeds the allele number ${number}`);
    out.push({
      chrom,
      pos: v.POS,
      endPos: allele.endPos,
      ref,
      alt,
      variantType: allele.variantType,
      af: freq,
      ac: count,
      an: number,
      source,
      lineNo: line.lineNo,
    });
  }
  return out;
}
