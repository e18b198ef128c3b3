import VCFParser from '@gmod/vcf';
import {
  calledOf,
  carrierCallOf,
  copiesOf,
  countsFromCodes,
  decodeGenotype,
  decodeGenotypes,
  encodeGenotype,
  genotypeCodes,
  genotypeToString,
  GenotypeParseError,
  NO_CALL,
  RecordGenotypes,
  zygosityOf,
} from './genotype-codec';

/** Parses the GTs as one record with `altCount` ALTs and encodes ALT `alt`. */
function split(gts: string[], altCount: number, alt: number) {
  const rec = new RecordGenotypes(gts.length);
  gts.forEach((gt, i) => rec.parse(gt, 0, gt.length, i, altCount));
  const out = new Uint8Array(gts.length + 1);
  const counts = rec.encodeAlt(alt, out);
  return { counts, decoded: decodeGenotypes(out).map(genotypeToString) };
}

describe('genotype codec', () => {
  it('round-trips every field of a call', () => {
    for (const ploidy of [0, 1, 2, 3])
      for (let copies = 0; copies <= ploidy; copies++)
        for (let missing = 0; missing + copies <= ploidy; missing++)
          for (const phased of [false, true])
            expect(decodeGenotype(encodeGenotype(ploidy, copies, missing, phased))).toEqual({
              ploidy,
              copies,
              missing,
              phased,
            });
  });

  it('splits a multi-allelic record like bcftools norm -m- (other ALTs read as REF)', () => {
    const gts = ['1/2', '2|2', '0/1', '2', '.', './.', '1/.', '.|2'];
    expect(split(gts, 2, 1)).toEqual({
      counts: { an: 9, ac: 3, het: 2, homAlt: 0, hemi: 1 },
      decoded: ['0/1', '0|0', '0/1', '0', '.', './.', '1/.', '0|.'],
    });
    expect(split(gts, 2, 2)).toEqual({
      counts: { an: 9, ac: 5, het: 1, homAlt: 1, hemi: 2 },
      decoded: ['0/1', '1|1', '0/0', '1', '.', './.', '0/.', '1|.'],
    });
  });

  it('counts half-calls with one called ALT as hemizygous, like +fill-tags AC_Hemi', () => {
    expect(split(['1/.', '.|1', '1', '0/.'], 1, 1).counts).toEqual({
      an: 4,
      ac: 3,
      het: 0,
      homAlt: 0,
      hemi: 3,
    });
  });

  it('treats a sample without GT as no call', () => {
    expect(split([''], 1, 1)).toEqual({
      counts: { an: 0, ac: 0, het: 0, homAlt: 0, hemi: 0 },
      decoded: ['.'],
    });
  });

  it.each([
    ['0/x', /bad GT/],
    ['0/', /bad GT/],
    ['0-1', /bad GT/],
    ['0/3', /GT allele 3 but the record has 2 ALT/],
    ['0/1/1/1', /ploidy above 3/],
  ])('rejects the GT %s', (gt, message) => {
    const rec = new RecordGenotypes(1);
    expect(() => rec.parse(gt, 0, gt.length, 0, 2)).toThrow(GenotypeParseError);
    expect(() => rec.parse(gt, 0, gt.length, 0, 2)).toThrow(message);
  });

  it('refuses an unknown codec version', () => {
    expect(() => decodeGenotypes(Uint8Array.from([9, 0]))).toThrow('unsupported genotype codec version');
  });

  it('counts a stored column exactly as the ingest counted it (withdrawal recounts with countsFromCodes)', () => {
    const gts = ['0/1', '1/1', '1', '1/.', './.', '0|0', '1|2', '2/2', '.', '0/1/1', '1/1/1', '0'];
    for (const alt of [1, 2]) {
      const rec = new RecordGenotypes(gts.length);
      gts.forEach((gt, i) => rec.parse(gt, 0, gt.length, i, 2));
      const out = new Uint8Array(gts.length + 1);
      const counts = rec.encodeAlt(alt, out);
      expect(countsFromCodes(out)).toEqual(counts);
      // a withdrawn sample's code: no call, nothing counted
      const blanked = Uint8Array.from(out);
      blanked[2] = NO_CALL;
      expect(calledOf(NO_CALL)).toBe(0);
      expect(countsFromCodes(blanked).an).toBe(counts.an - 2);
      expect(countsFromCodes(blanked).ac).toBe(counts.ac - copiesOf(out[2]));
    }
  });

  it.each([
    [1, 2, 'het'],
    [2, 2, 'homAlt'],
    [1, 1, 'hemi'],
    [3, 3, 'homAlt'],
    [2, 3, 'het'],
    [0, 2, null],
    [1, 0, null],
  ] as const)('classifies %i copies of %i called alleles as %s', (copies, called, z) => {
    expect(zygosityOf(copies, called)).toBe(z);
  });

  it("gives each carrier's call as genotypeToString renders it, and null for everyone else", () => {
    for (let code = 0; code < 256; code++) {
      const g = decodeGenotype(code);
      expect(carrierCallOf(code)).toBe(g.copies > 0 ? genotypeToString(g) : null);
    }
    expect(carrierCallOf(encodeGenotype(2, 1, 0, true))).toBe('0|1');
    expect(carrierCallOf(encodeGenotype(2, 1, 1, false))).toBe('1/.');
    expect(carrierCallOf(encodeGenotype(2, 0, 0, false))).toBeNull();
    expect(carrierCallOf(NO_CALL)).toBeNull();
  });

  it('opens a vector of codes without its version byte, and refuses another version', () => {
    const gts = ['0|1', '1|1', '0/0'];
    const rec = new RecordGenotypes(gts.length);
    gts.forEach((gt, i) => rec.parse(gt, 0, gt.length, i, 1));
    const out = new Uint8Array(gts.length + 1);
    rec.encodeAlt(1, out);
    expect([...genotypeCodes(out)].map((c) => carrierCallOf(c))).toEqual(['0|1', '1|1', null]);
    expect(() => genotypeCodes(Uint8Array.from([9, 1, 2]))).toThrow('unsupported genotype codec version');
    expect(() => genotypeCodes(new Uint8Array(0))).toThrow('unsupported genotype codec version');
  });

  describe("scanSamples (the ingest's one-pass scan)", () => {
    /** A seeded generator, so that a failure names a reproducible case. */
    function lcg(seed: number) {
      let x = seed >>> 0;
      return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    }
    const calls = [
      '0|1',
      '1|0',
      '1/1',
      '0/0',
      '2|1',
      '0|2',
      '.',
      './.',
      '.|.',
      '1',
      '0',
      '1/.',
      '0/1/2',
      '',
      '12/1',
    ];
    const formats = ['GT', 'GT:DP', 'DP:GT', 'AD:DP:GT'];

    /** The reference: @gmod/vcf's processGenotypes handing each GT to `parse`, as the ingest did before. */
    function viaLibrary(format: string, columns: string[], altCount: number) {
      const names = columns.map((_, i) => `s${i}`);
      const header = `##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${names.join('\t')}`;
      const parser = new VCFParser({ header, strict: false });
      const alts = Array.from({ length: altCount }, (_, k) => 'ACGT'[k % 4].repeat(k + 2)).join(',');
      const v = parser.parseLine(`20\t1\t.\tA\t${alts}\t.\tPASS\t.\t${format}\t${columns.join('\t')}`);
      const rec = new RecordGenotypes(columns.length);
      v.processGenotypes((str, start, end, idx) => rec.parse(str, start, end, idx, altCount));
      return rec;
    }

    it('reads every FORMAT layout as @gmod/vcf + parse did, and counts the columns', () => {
      const rnd = lcg(20261206);
      for (let round = 0; round < 200; round++) {
        const format = formats[round % formats.length];
        const altCount = 12 + (round % 3); // `12/1` is among the calls
        const n = 1 + Math.floor(rnd() * 12);
        const columns = Array.from({ length: n }, () => {
          const gt = calls[Math.floor(rnd() * calls.length)];
          const r = rnd();
          switch (format) {
            case 'GT':
              return gt;
            case 'GT:DP':
              return r < 0.2 ? gt : `${gt}:${Math.floor(r * 50)}`;
            case 'DP:GT':
              return r < 0.2 ? '7' : `${Math.floor(r * 50)}:${gt}`;
            default:
              return r < 0.1 ? '3,4' : r < 0.2 ? '3,4:9' : `3,4:${Math.floor(r * 50)}:${gt}`;
          }
        });
        const line = `${columns.join('\t')}\r`;
        const keys = format.split(':');
        const mine = new RecordGenotypes(n);
        expect(mine.scanSamples(line, 0, line.length - 1, keys.indexOf('GT'), keys.length, altCount)).toBe(n);
        const ref = viaLibrary(format, columns, altCount);
        for (const alt of [1, 2, 3, altCount]) {
          const a = new Uint8Array(n + 1);
          const b = new Uint8Array(n + 1);
          expect([format, columns, mine.encodeAlt(alt, a)]).toEqual([format, columns, ref.encodeAlt(alt, b)]);
          expect([format, columns, [...a]]).toEqual([format, columns, [...b]]);
        }
      }
    });

    it('counts missing and extra columns, and reports a bad call', () => {
      const rec = new RecordGenotypes(3);
      expect(rec.scanSamples('0|1\t1|1', 0, 7, 0, 1, 1)).toBe(2);
      expect(rec.scanSamples('0|1\t1|1\t0|0\t0|1', 0, 15, 0, 1, 1)).toBe(4);
      expect(rec.scanSamples('0|1\t1|1\t', 0, 8, 0, 1, 1)).toBe(3);
      expect(rec.scanSamples('', 0, 0, 0, 1, 1)).toBe(1);
      expect(() => rec.scanSamples('0|1\t0|2\t0|0', 0, 11, 0, 1, 1)).toThrow(
        'GT allele 2 but the record has 1 ALT allele(s)',
      );
      expect(() => rec.scanSamples('0|1:3\t0|1\t0|0', 0, 13, 0, 1, 1)).toThrow('bad GT for sample 1');
    });
  });
});
