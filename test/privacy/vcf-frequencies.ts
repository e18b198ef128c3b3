import VCFParser from '@gmod/vcf';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/**
 * Allele frequencies (INFO/AF, one per ALT allele, 0 < AF < 1) of a bgzipped or plain VCF, to seed the
 * synthetic population's sites with a real spectrum (`PopulationParams.frequencies`).
 */
export function vcfAlleleFrequencies(file: string): number[] {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const lines = text.split('\n');
  const headerEnd = lines.findIndex((l) => l.startsWith('#CHROM'));
  if (headerEnd < 0) throw new Error(`${file}: no #CHROM header line`);
  const parser = new VCFParser({ header: lines.slice(0, headerEnd + 1).join('\n') });
  const out: number[] = [];
  for (let i = headerEnd + 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const af = parser.parseLine(lines[i]).INFO?.AF;
    if (!Array.isArray(af)) continue;
    for (const v of af) if (typeof v === 'number' && v > 0 && v < 1) out.push(v);
  }
  return out;
}
