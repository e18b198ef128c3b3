import VCFParser from '@gmod/vcf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AnnotationFormatError,
  annotationFormat,
  annotationsByAllele,
  vepAlleles,
  type AnnotationFormat,
} from './annotations';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/annotations');

/** A fixture as ingest reads it (@gmod/vcf): the annotation format from the header, records by POS. */
function load(file: string, key: 'CSQ' | 'ANN', editHeader: (h: string) => string = (h) => h) {
  const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').split('\n');
  const parser = new VCFParser({
    header: editHeader(lines.filter((l) => l.startsWith('#')).join('\n')),
    strict: false,
  });
  const format = annotationFormat(key, parser.getMetadata('INFO', key, 'Description') as string)!;
  const record = (pos: number) => {
    const v = parser.parseLine(lines.find((l) => !l.startsWith('#') && l.split('\t')[1] === String(pos))!);
    return annotationsByAllele(format, v.INFO[key] as string[], v.REF!, v.ALT!);
  };
  return { format, record };
}

describe('VEP CSQ and SnpEff ANN annotations (bcftools split-vep test data; 1000 Genomes GRCh38 through SnpEff 5.0e)', () => {
  const vep = load('vep_csq.bcftools-split-vep.excerpt.vcf', 'CSQ');
  const snpeff = load('snpeff_ann.beacon2-ri-tools-1kg-hg38.excerpt.vcf', 'ANN');

  it('reads the sub-field order each header declares', () => {
    expect(vep.format.source).toBe('VEP');
    expect(vep.format.fields).toHaveLength(84);
    expect(vep.format.fields.slice(0, 5)).toEqual(['Allele', 'Consequence', 'IMPACT', 'SYMBOL', 'Gene']);
    expect(snpeff.format.source).toBe('SnpEff');
    expect(snpeff.format.fields.slice(0, 4)).toEqual([
      'Allele',
      'Annotation',
      'Annotation_Impact',
      'Gene_Name',
    ]);
    expect(snpeff.format.fields).toHaveLength(16);
  });

  it('keeps every transcript of an allele, with HGVS c./p. without their prefixes', () => {
    const [g] = vep.record(69428); // 1:69428 T>G, OR4F5
    expect(g).toHaveLength(2);
    expect(g[0]).toEqual({
      geneSymbol: 'OR4F5',
      geneId: 'ENSG00000186092',
      consequences: ['missense_variant'],
      impact: 'MODERATE',
      transcript: 'ENST00000335137',
      hgvsc: 'c.338T>G',
      hgvsp: 'p.Phe113Cys',
    });
    // A regulatory feature names no gene.
    expect(g[1]).toMatchObject({
      geneSymbol: null,
      geneId: null,
      consequences: ['regulatory_region_variant'],
    });
    const [t] = vep.record(14464);
    expect(t).toHaveLength(7);
    expect(new Set(t.map((a) => a.geneSymbol))).toEqual(new Set(['WASH7P', 'DDX11L1', null]));
  });

  it('splits a multi-allelic record with its annotations, by ALLELE_NUM or by VEP allele string alike', () => {
    const [a, c] = vep.record(14976); // G>A,C
    expect(a.map((x) => x.hgvsc)).toContain('n.1196C>T');
    expect(c.map((x) => x.hgvsc)).toContain('n.1196C>G');
    expect(a).toHaveLength(6);
    expect(c).toHaveLength(6);
    const [snv, ins] = vep.record(15903); // G>C,GC: no shared first base across the ALTs, so no trimming
    expect(snv.map((x) => x.hgvsc)).toContain('n.1026C>G');
    expect(ins.map((x) => x.hgvsc)).toContain('n.1025_1026insG');
    // The same records read without ALLELE_NUM (renamed in the header) match by allele string.
    const byString = load('vep_csq.bcftools-split-vep.excerpt.vcf', 'CSQ', (h) =>
      h.replace('|ALLELE_NUM|', '|ALLELE_NUMBER_HIDDEN|'),
    );
    expect(byString.record(15903)).toEqual(vep.record(15903));
    expect(byString.record(14976)).toEqual(vep.record(14976));
    // A deletion CCT>C is "-" to VEP.
    const [del] = byString.record(17289);
    expect(del).toHaveLength(6);
    expect(del[0]).toMatchObject({ geneSymbol: 'WASH7P', hgvsc: 'n.566_567del' });
  });

  it('reads SnpEff ANN: gene name and id, impact, transcript; an intergenic region names no gene', () => {
    const [frg1fp] = snpeff.record(10940599);
    expect(frg1fp).toEqual([
      {
        geneSymbol: 'FRG1FP',
        geneId: 'ENSG00000283047',
        consequences: ['splice_region_variant', 'non_coding_transcript_exon_variant'],
        impact: 'LOW',
        transcript: 'ENST00000635667.1',
        hgvsc: 'n.711C>T',
        hgvsp: null,
      },
    ]);
    const [a] = snpeff.record(10731180);
    expect(a.map((x) => x.geneSymbol)).toEqual(['AC145613.1', null]);
    expect(a[1].consequences).toEqual(['intergenic_region']);
  });

  it('follows VEP allele trimming: the shared first base is dropped only around indels', () => {
    expect(vepAlleles('CCT', ['C'])).toEqual(['-']);
    expect(vepAlleles('G', ['GC'])).toEqual(['C']);
    expect(vepAlleles('G', ['C', 'GC'])).toEqual(['C', 'GC']);
    expect(vepAlleles('AC', ['GT'])).toEqual(['GT']);
  });

  it('refuses a header without a declared order and an entry of the wrong width', () => {
    expect(() => annotationFormat('CSQ', 'Consequence annotations')).toThrow(AnnotationFormatError);
    expect(annotationFormat('DP', 'Depth')).toBeNull();
    const f: AnnotationFormat = {
      key: 'ANN',
      source: 'SnpEff',
      fields: ['Allele', 'Annotation', 'Gene_Name'],
    };
    expect(() => annotationsByAllele(f, ['A'], 'G', ['A'])).toThrow('ANN entry has 1 sub-fields');
  });
});
