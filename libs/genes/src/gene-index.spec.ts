import { DomainError } from '@helixgate/common';
import { GeneIndex, loadGeneIndex } from '.';

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('GeneIndex (the shipped GRCh38 gene coordinates and aliases)', () => {
  let index: GeneIndex;
  beforeAll(async () => {
    index = await loadGeneIndex();
  });

  it('places BRCA2 at 13:32315507-32400268 (0-based start, exclusive end; NCBI Gene 675)', () => {
    expect(index.resolve('BRCA2')).toEqual({
      asked: 'BRCA2',
      symbol: 'BRCA2',
      entrezId: '675',
      matchedBy: 'symbol',
      loci: [expect.objectContaining({ chrom: '13', start: 32315507, end: 32400268, strand: '+' })],
    });
  });

  it('reads symbols case-insensitively and answers with the official spelling', () => {
    expect(index.resolve(' brca2 ').symbol).toBe('BRCA2');
    expect(index.resolve('c1orf112').symbol).toBe('C1orf112');
  });

  it('resolves an alias to its gene: HER2 is ERBB2 on 17', () => {
    const her2 = index.resolve('her2');
    expect(her2).toMatchObject({ asked: 'her2', symbol: 'ERBB2', entrezId: '2064', matchedBy: 'alias' });
    expect(her2.loci).toEqual([expect.objectContaining({ chrom: '17', start: 39688093, end: 39728658 })]);
  });

  it('prefers an official symbol over an alias of another gene with the same name', () => {
    // Aliases of a gene can be another gene's official symbol; the official symbol wins.
    expect(index.resolve('ERBB2').matchedBy).toBe('symbol');
  });

  it('accepts an NCBI Gene id (bare or as a CURIE)', () => {
    expect(index.resolve('NCBIGene:675').symbol).toBe('BRCA2');
    expect(index.resolve('2064').symbol).toBe('ERBB2');
  });

  it('keeps both loci of a pseudo-autosomal gene (X and Y)', () => {
    expect(index.lociOf('CSF2RA').map((l) => l.chrom)).toEqual(['X', 'Y']);
  });

  it('refuses an unknown symbol by name, suggesting close symbols and aliases', () => {
    const err = refusal(() => index.resolve('BRCA3'));
    expect(err.code).toBe('UNKNOWN_GENE');
    expect(err.message).toMatch(/^geneId "BRCA3" is not a known HGNC symbol/);
    expect(err.details?.suggestions).toEqual(expect.arrayContaining(['BRCA1', 'BRCA2']));
    expect(refusal(() => index.resolve('her_2')).message).toContain('did you mean HER-2 (ERBB2)');
    expect(refusal(() => index.resolve('NOSUCHGENEXYZ')).details?.suggestions).toEqual([]);
  });

  it('refuses an alias of several genes, naming them (AIS: AR, TP63, ...)', () => {
    const err = refusal(() => index.resolve('AIS'));
    expect(err.code).toBe('AMBIGUOUS_GENE');
    expect(err.message).toMatch(/^geneId "AIS" is an alias of \d+ genes \(AR, TP63/);
    expect(err.message).toContain('ask by the HGNC symbol');
  });

  it('refuses an over-long or non-printable identifier before any lookup', () => {
    expect(refusal(() => index.resolve('A'.repeat(65))).code).toBe('UNKNOWN_GENE');
    expect(refusal(() => index.resolve('BRCA2\u0000')).code).toBe('UNKNOWN_GENE');
    expect(refusal(() => index.resolve('')).code).toBe('UNKNOWN_GENE');
  });

  it('refuses a malformed file naming the line, rather than loading half of it', () => {
    const header = 'symbol\tentrez_id\tchrom\tstart\tend\tstrand\tgene_type\tname\n';
    expect(() =>
      GeneIndex.parse(`${header}X1\t1\t1\t10\t5\t+\tpseudo\tx\n`, 'alias\tsymbol\tentrez_id\n'),
    ).toThrow('genes_GRCh38.tsv line 2: malformed gene row');
  });
});
