import { DomainError } from '@helixgate/common';

/**
 * One gene on one chromosome (GRCh38), as `libs/genes/data/genes_GRCh38.tsv.gz` has it. Coordinates are
 * Beacon v2 / UCSC: `start` 0-based, `end` exclusive (the half-open [start, end)), so the 1-based inclusive
 * span is start + 1 .. end. A gene on both X and Y (pseudo-autosomal) has one locus on each.
 */
export interface GeneLocus {
  symbol: string;
  /** NCBI Gene (Entrez) id, e.g. `675`. */
  entrezId: string;
  /** `1`..`22`, `X`, `Y`, `MT` (no `chr`), as `variant.chrom` stores them. */
  chrom: string;
  start: number;
  end: number;
  strand: '+' | '-' | '.';
  /** NCBI gene type: protein-coding, ncRNA, pseudo, ... */
  geneType: string;
  name: string;
}

/** What a gene identifier resolved to: the official symbol and its loci, and how it was recognised. */
export interface ResolvedGene {
  /** The identifier as asked (trimmed). */
  asked: string;
  symbol: string;
  entrezId: string;
  /** `symbol`: the official symbol; `alias`: a previous symbol or synonym (HER2 → ERBB2); `entrez`: NCBIGene:675. */
  matchedBy: 'symbol' | 'alias' | 'entrez';
  loci: readonly GeneLocus[];
}

/** The longest identifier looked up (longer ones are refused before any lookup). */
const MAX_GENE_ID = 64;
const ENTREZ = /^(?:ncbigene:|entrez:|geneid:)?(\d{1,12})$/i;

/** A key for loose comparison in "did you mean": upper case, no separators (`her-2` ~ `HER2`). */
const loose = (s: string): string => s.toUpperCase().replace(/[-_.\s/]/g, '');

/** Whether two strings are at most one insertion, deletion or substitution apart. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * In-memory index of human gene coordinates (GRCh38) and symbol aliases: official symbols first, then
 * aliases, case-insensitively. Built once from the two TSV files shipped in `libs/genes/data`.
 */
export class GeneIndex {
  /** Upper-case official symbol → its loci. */
  private readonly bySymbol = new Map<string, GeneLocus[]>();
  private readonly byEntrez = new Map<string, GeneLocus[]>();
  /** Upper-case alias → the official symbols it names (several for an ambiguous alias). */
  private readonly byAlias = new Map<string, string[]>();
  /** Every key (symbol and alias) by its loose form, for "did you mean". */
  private readonly looseKeys = new Map<string, string>();
  /** The loose keys by length (a key one edit away differs in length by at most one). */
  private looseByLength: Map<number, string[]> | null = null;

  /**
   * Parses `genes_GRCh38.tsv` (symbol, entrez_id, chrom, start, end, strand, gene_type, name) and
   * `gene_aliases.tsv` (alias, symbol, entrez_id), each with its header line. A malformed line fails the
   * load naming the file and line: a half-loaded index would answer wrongly.
   */
  static parse(genesTsv: string, aliasesTsv: string): GeneIndex {
    const index = new GeneIndex();
    const lines = genesTsv.split('\n');
    if (!lines[0].startsWith('symbol\tentrez_id\tchrom\tstart\tend'))
      throw new Error('genes_GRCh38.tsv: unexpected header');
    for (let n = 1; n < lines.length; n++) {
      const line = lines[n];
      if (line === '') continue;
      const f = line.split('\t');
      const start = Number(f[3]);
      const end = Number(f[4]);
      if (f.length < 8 || !f[0] || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end <= start)
        throw new Error(`genes_GRCh38.tsv line ${n + 1}: malformed gene row`);
      const locus: GeneLocus = {
        symbol: f[0],
        entrezId: f[1],
        chrom: f[2],
        start,
        end,
        strand: f[5] === '+' || f[5] === '-' ? f[5] : '.',
        geneType: f[6],
        name: f[7],
      };
      const key = f[0].toUpperCase();
      (index.bySymbol.get(key) ?? index.bySymbol.set(key, []).get(key)!).push(locus);
      (index.byEntrez.get(f[1]) ?? index.byEntrez.set(f[1], []).get(f[1])!).push(locus);
      index.looseKeys.set(loose(f[0]), f[0]);
    }
    const aliasLines = aliasesTsv.split('\n');
    if (!aliasLines[0].startsWith('alias\tsymbol')) throw new Error('gene_aliases.tsv: unexpected header');
    for (let n = 1; n < aliasLines.length; n++) {
      const line = aliasLines[n];
      if (line === '') continue;
      const [alias, symbol] = line.split('\t');
      if (!alias || !symbol) throw new Error(`gene_aliases.tsv line ${n + 1}: malformed alias row`);
      // An alias of a gene without GRCh38 coordinates here cannot be answered: it is left out.
      if (!index.bySymbol.has(symbol.toUpperCase())) continue;
      const key = alias.toUpperCase();
      const list = index.byAlias.get(key) ?? index.byAlias.set(key, []).get(key)!;
      if (!list.includes(symbol)) list.push(symbol);
      if (!index.looseKeys.has(loose(alias))) index.looseKeys.set(loose(alias), alias);
    }
    return index;
  }

  /** Genes (official symbols) in the index. */
  get geneCount(): number {
    return this.bySymbol.size;
  }

  /** Distinct aliases that name a gene of the index. */
  get aliasCount(): number {
    return this.byAlias.size;
  }

  /** The loci of an official symbol (case-insensitive), or an empty list. */
  lociOf(symbol: string): readonly GeneLocus[] {
    return this.bySymbol.get(symbol.toUpperCase()) ?? [];
  }

  /**
   * Resolves a Beacon `geneId`: an HGNC symbol (case-insensitive), an alias naming exactly one gene, or
   * an NCBI Gene id (`675`, `NCBIGene:675`). Throws UNKNOWN_GENE (with close symbols or aliases as
   * suggestions) or AMBIGUOUS_GENE (an alias of several genes, naming them); never returns nothing.
   */
  resolve(geneId: string): ResolvedGene {
    const asked = geneId.trim();
    if (asked === '' || asked.length > MAX_GENE_ID || /[^\x21-\x7e]/.test(asked)) {
      throw new DomainError(
        'UNKNOWN_GENE',
        `geneId must be an HGNC gene symbol such as BRCA2 (at most ${MAX_GENE_ID} printable characters)`,
      );
    }
    const key = asked.toUpperCase();
    const official = this.bySymbol.get(key);
    if (official)
      return {
        asked,
        symbol: official[0].symbol,
        entrezId: official[0].entrezId,
        matchedBy: 'symbol',
        loci: official,
      };
    const entrez = ENTREZ.exec(asked);
    const byId = entrez ? this.byEntrez.get(entrez[1]) : undefined;
    if (byId)
      return { asked, symbol: byId[0].symbol, entrezId: byId[0].entrezId, matchedBy: 'entrez', loci: byId };
    const aliased = this.byAlias.get(key);
    if (aliased?.length === 1) {
      const loci = this.bySymbol.get(aliased[0].toUpperCase())!;
      return { asked, symbol: loci[0].symbol, entrezId: loci[0].entrezId, matchedBy: 'alias', loci };
    }
    if (aliased) {
      const names = aliased.slice(0, 8).join(', ');
      throw new DomainError(
        'AMBIGUOUS_GENE',
        `geneId "${asked}" is an alias of ${aliased.length} genes (${names}${aliased.length > 8 ? ', ...' : ''}): ask by the HGNC symbol`,
        { geneId: asked, candidates: aliased.slice(0, 8) },
      );
    }
    const suggestions = this.suggest(asked);
    throw new DomainError(
      'UNKNOWN_GENE',
      `geneId "${asked}" is not a known HGNC symbol, alias or NCBI Gene id on GRCh38` +
        (suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ''),
      { geneId: asked, suggestions },
    );
  }

  /**
   * Up to five symbols or aliases close to an unknown identifier: the same once separators and case are
   * ignored (`her-2` → HER2), or one edit away (`BRCA3` → BRCA1, BRCA2). An alias is shown with the symbol
   * it stands for (`HER2 (ERBB2)`).
   */
  suggest(asked: string): string[] {
    const target = loose(asked);
    const found: string[] = [];
    const exact = this.looseKeys.get(target);
    if (exact) found.push(exact);
    if (target.length >= 3) {
      if (!this.looseByLength) {
        this.looseByLength = new Map();
        for (const k of this.looseKeys.keys())
          (this.looseByLength.get(k.length) ?? this.looseByLength.set(k.length, []).get(k.length)!).push(k);
      }
      for (const len of [target.length, target.length - 1, target.length + 1]) {
        for (const k of this.looseByLength.get(len) ?? []) {
          if (found.length >= 5) break;
          if (k !== target && withinOneEdit(k, target)) found.push(this.looseKeys.get(k)!);
        }
      }
    }
    return found.slice(0, 5).map((s) => {
      if (this.bySymbol.has(s.toUpperCase())) return this.bySymbol.get(s.toUpperCase())![0].symbol;
      const symbols = this.byAlias.get(s.toUpperCase()) ?? [];
      return `${s} (${symbols.join('/')})`;
    });
  }
}
