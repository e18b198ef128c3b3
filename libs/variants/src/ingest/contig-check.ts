import { contigLength, isPrimaryContig, normalizeContig } from '../contig';
import type { Assembly } from '../dataset.entity';
import { MAX_POSITION } from './variant-allele';
import type { VcfReader } from './vcf-reader';

/** A contig problem at one line of the file (`field: problem`); becomes INGEST_FAILED `file:line: ...`. */
export class ContigError extends Error {
  constructor(
    readonly lineNo: number,
    message: string,
  ) {
    super(message);
  }
}

const ASSEMBLY_NAMES: [Assembly, RegExp][] = [
  ['GRCh37', /grch37|hg19|hs37d5|\bb37\b|human_g1k_v37|build37|ncbi37/i],
  ['GRCh38', /grch38|hg38|hs38|\bb38\b|build38|ncbi38/i],
];

/** The assembly a header value names (`GRCh38_full_analysis_set...`, `b37`, `hg19`), if exactly one. */
export function assemblyNamed(text: string): Assembly | null {
  const named = ASSEMBLY_NAMES.filter(([, re]) => re.test(text)).map(([a]) => a);
  return named.length === 1 ? named[0] : null;
}

/**
 * Checks a VCF's contigs against the dataset's assembly: the header (`##reference`, `##contig` lengths
 * and `assembly=`) first, then each record's CHROM and POS. Refused: a header naming another assembly or
 * giving a primary chromosome another length than the assembly's (GRC assembly reports, `contig.ts`), a
 * position past the end of its contig, a contig that is neither a primary chromosome nor declared in a
 * `##contig` line. Warned about (and ingested): declared non-primary contigs (alt, decoy, unplaced).
 */
export class ContigChecker {
  readonly warnings: string[] = [];
  /** Last position allowed, by CHROM as written (decided once per contig). */
  private readonly limits = new Map<string, number>();

  constructor(
    private readonly assembly: Assembly,
    private readonly reader: Pick<VcfReader, 'contigs' | 'reference'>,
  ) {}

  checkHeader(): void {
    const ref = this.reader.reference;
    if (ref) this.checkAssemblyName(ref.lineNo, '##reference', ref.value);
    for (const c of this.reader.contigs.values()) {
      if (c.assembly) this.checkAssemblyName(c.lineNo, `##contig ${c.id} assembly`, c.assembly);
      const name = normalizeContig(c.id);
      const known = contigLength(this.assembly, name);
      if (c.length !== null && known !== null && c.length !== known) {
        throw new ContigError(
          c.lineNo,
          `##contig: ${c.id} has length ${c.length}, but chromosome ${name} of ${this.assembly} (the dataset's assembly) has ${known}: the file is aligned to another assembly`,
        );
      }
    }
  }

  /** Throws ContigError for a CHROM that is not allowed or a POS past its contig's end. */
  checkRecord(lineNo: number, rawChrom: string, pos: number): void {
    let limit = this.limits.get(rawChrom);
    if (limit === undefined) {
      limit = this.limitOf(lineNo, rawChrom);
      this.limits.set(rawChrom, limit);
    }
    if (pos > limit) {
      throw new ContigError(
        lineNo,
        `POS: ${pos} is beyond the end of ${rawChrom} (${limit} bp on ${this.assembly})`,
      );
    }
  }

  private limitOf(lineNo: number, rawChrom: string): number {
    const name = normalizeContig(rawChrom);
    if (isPrimaryContig(name)) return contigLength(this.assembly, name) ?? MAX_POSITION;
    const declared = this.reader.contigs.get(rawChrom);
    if (!declared) {
      throw new ContigError(
        lineNo,
        `CHROM: "${rawChrom.slice(0, 40)}" is not a chromosome of ${this.assembly} and no ##contig header line declares it`,
      );
    }
    this.warnings.push(
      `${lineNo}: CHROM: ${rawChrom} is not a primary chromosome of ${this.assembly} (declared at line ${declared.lineNo}); its records are stored under that name`,
    );
    return declared.length ?? MAX_POSITION;
  }

  private checkAssemblyName(lineNo: number, field: string, value: string): void {
    const named = assemblyNamed(value);
    if (named && named !== this.assembly) {
      throw new ContigError(
        lineNo,
        `${field}: names ${named}, but the dataset's assembly is ${this.assembly}`,
      );
    }
  }
}
