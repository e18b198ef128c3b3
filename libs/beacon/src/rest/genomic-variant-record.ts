import { normalizeContig, type Assembly } from '@helixgate/variants';

/**
 * What a record-level answer carries per variant (the engine's record view; declared here by shape so
 * that this module depends on no more of it than it reads).
 */
export interface VariantRecordLike {
  chrom: string;
  /** VCF POS, 1-based. */
  pos: number;
  /** VCF END (1-based, inclusive) when the engine provides it; else POS + len(REF) - 1. */
  endPos?: number;
  ref: string;
  alt: string;
  variantType: string;
  alleleCount: number;
  alleleNumber: number;
  carriers: readonly { sampleId: string; genotype: string }[];
}

/** GENO terms for a carrier's zygosity, from the VCF-style genotype string (`0/1`, `1|1`, `1`, `1/.`). */
const ZYGOSITY = {
  het: { id: 'GENO:0000135', label: 'heterozygous' },
  hom: { id: 'GENO:0000136', label: 'homozygous' },
  hemi: { id: 'GENO:0000134', label: 'hemizygous' },
} as const;

type Zygosity = (typeof ZYGOSITY)[keyof typeof ZYGOSITY];

/**
 * The same classes as the ingest's counters: one called allele, being the ALT → hemizygous (haploid calls
 * and half-calls); two or more called, all ALT → homozygous; some ALT → heterozygous. Null when the
 * string carries no ALT copy (a carrier always has one). Remembered per genotype string: a record answer
 * asks it for every carrier (tens of thousands), of a handful of distinct calls.
 */
export function zygosityOf(genotype: string): Zygosity | null {
  let z = ZYGOSITY_BY_CALL.get(genotype);
  if (z === undefined) {
    const called = genotype.split(/[/|]/).filter((a) => a !== '.');
    const alt = called.filter((a) => a !== '0').length;
    z =
      alt === 0
        ? null
        : called.length === 1
          ? ZYGOSITY.hemi
          : alt === called.length
            ? ZYGOSITY.hom
            : ZYGOSITY.het;
    if (ZYGOSITY_BY_CALL.size < 1024) ZYGOSITY_BY_CALL.set(genotype, z);
  }
  return z;
}
const ZYGOSITY_BY_CALL = new Map<string, Zygosity | null>();

/**
 * RefSeq accessions per assembly, derived from the contig module's own table rather than copied:
 * `normalizeContig` knows every NC_0000NN.V accession of both assemblies, and for each chromosome the
 * GRCh38 version is the higher one. Built once.
 */
const REFSEQ: Record<Assembly, Map<string, string>> = (() => {
  const maps: Record<Assembly, Map<string, string>> = { GRCh37: new Map(), GRCh38: new Map() };
  for (let n = 1; n <= 24; n++) {
    const prefix = `NC_0000${String(n).padStart(2, '0')}`;
    const versions: number[] = [];
    let chrom = '';
    for (let v = 1; v <= 30; v++) {
      const name = normalizeContig(`${prefix}.${v}`);
      if (name !== `${prefix}.${v}`) {
        versions.push(v);
        chrom = name;
      }
    }
    if (versions.length === 2) {
      maps.GRCh37.set(chrom, `${prefix}.${Math.min(...versions)}`);
      maps.GRCh38.set(chrom, `${prefix}.${Math.max(...versions)}`);
    }
  }
  maps.GRCh37.set('MT', 'NC_012920.1');
  maps.GRCh38.set('MT', 'NC_012920.1');
  return maps;
})();

export function refseqAccession(assembly: Assembly, chrom: string): string | null {
  return REFSEQ[assembly].get(chrom) ?? null;
}

const SEQUENCE_ALLELE = /^[ACGTN]+$/i;

interface RecordContext {
  assembly: Assembly;
  datasetId: string;
  datasetUrl: string;
}

/** A record's fields before its carriers: its id and the variation (VRS location). */
function recordHead(r: VariantRecordLike, ctx: RecordContext) {
  const start = r.pos - 1;
  const end = r.endPos ?? r.pos + r.ref.length - 1;
  const accession = refseqAccession(ctx.assembly, r.chrom);
  // Symbolic ALTs (`<DEL>`, breakends) are no base sequence: Beacon's `N` stands for them, the kind is
  // in variantType.
  const alternateBases = SEQUENCE_ALLELE.test(r.alt) ? r.alt : 'N';
  return {
    // The id names its assembly, so `/g_variants/{id}` opens it with no other parameter.
    variantInternalId: `${ctx.assembly}:${r.chrom}:${start}:${r.ref}:${r.alt}`,
    variation: {
      variantType: r.variantType,
      referenceBases: SEQUENCE_ALLELE.test(r.ref) ? r.ref : 'N',
      alternateBases,
      location: {
        type: 'SequenceLocation',
        sequence_id: accession ? `refseq:${accession}` : r.chrom,
        interval: {
          type: 'SequenceInterval',
          start: { type: 'Number', value: start },
          end: { type: 'Number', value: end },
        },
      },
    },
  };
}

/** The dataset's allele frequency as `frequencyInPopulations`, or null when no allele was called. */
function recordFrequencies(r: VariantRecordLike, ctx: RecordContext) {
  return r.alleleNumber > 0
    ? [
        {
          source: ctx.datasetId,
          sourceReference: ctx.datasetUrl,
          frequencies: [{ population: 'all', alleleFrequency: r.alleleCount / r.alleleNumber }],
        },
      ]
    : null;
}

/**
 * One variant as a Beacon v2 `genomicVariation` record (default model, legacy variation with a VRS 1.3
 * SequenceLocation in 0-based interbase coordinates). `variantInternalId` is this beacon's variant id, the
 * one `/g_variants/{id}` accepts. Carriers become `caseLevelData` with their zygosity; the dataset's
 * allele frequency becomes `frequencyInPopulations`. `genomicVariantRecordJson` writes the same record as
 * JSON text, byte for byte what JSON.stringify makes of this object.
 */
export function genomicVariantRecord(r: VariantRecordLike, ctx: RecordContext) {
  const frequencies = recordFrequencies(r, ctx);
  return {
    ...recordHead(r, ctx),
    caseLevelData: r.carriers.map((c): { biosampleId: string; zygosity?: Zygosity } => {
      const zygosity = zygosityOf(c.genotype);
      return zygosity ? { biosampleId: c.sampleId, zygosity } : { biosampleId: c.sampleId };
    }),
    ...(frequencies ? { frequencyInPopulations: frequencies } : {}),
  };
}

/** Slot of a call in CaseLevelJson's entries: 0 het, 1 hom, 2 hemi, 3 no zygosity (by call string). */
const SLOT_BY_CALL = new Map<string, number>();
function slotOf(genotype: string): number {
  let slot = SLOT_BY_CALL.get(genotype);
  if (slot === undefined) {
    const z = zygosityOf(genotype);
    slot = z === ZYGOSITY.het ? 0 : z === ZYGOSITY.hom ? 1 : z === ZYGOSITY.hemi ? 2 : 3;
    if (SLOT_BY_CALL.size < 1024) SLOT_BY_CALL.set(genotype, slot);
  }
  return slot;
}
const ZYGOSITY_TAIL = [ZYGOSITY.het, ZYGOSITY.hom, ZYGOSITY.hemi].map(
  (z) => `,"zygosity":${JSON.stringify(z)}}`,
);

/** JSON text as UTF-8 pieces, copied into one buffer once at the end (`toBuffer`). */
export class JsonBytes {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  text(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.length += b.length;
  }

  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/**
 * The `caseLevelData` entries of one answer as UTF-8 JSON, each written once per individual and zygosity
 * (with and without the comma that separates it from the previous one) and reused for every variant the
 * individual carries: an answer of 100 variants over 2,500 individuals has ~47,000 entries of ~2,500
 * individuals.
 */
export class CaseLevelJson {
  private readonly bySample = new Map<string, (Buffer | undefined)[]>();

  entry(sampleId: string, genotype: string, comma: boolean): Buffer {
    const slot = slotOf(genotype) + (comma ? 4 : 0);
    let entries = this.bySample.get(sampleId);
    if (entries === undefined) {
      entries = new Array<Buffer | undefined>(8);
      this.bySample.set(sampleId, entries);
    }
    let json = entries[slot];
    if (json === undefined) {
      const z = slot & 3;
      json = Buffer.from(
        `${comma ? ',' : ''}{"biosampleId":${JSON.stringify(sampleId)}${z === 3 ? '}' : ZYGOSITY_TAIL[z]}`,
        'utf8',
      );
      entries[slot] = json;
    }
    return json;
  }
}

/**
 * Appends `genomicVariantRecord(r, ctx)` as JSON to `out`, the same text JSON.stringify writes for it (the
 * specs compare them): the record's head and frequencies through JSON.stringify, its carriers as
 * `caseLevel`'s entries, one piece each (copied once, with the whole answer).
 */
export function writeGenomicVariantRecordJson(
  r: VariantRecordLike,
  ctx: RecordContext,
  caseLevel: CaseLevelJson,
  out: JsonBytes,
): void {
  out.text(`${JSON.stringify(recordHead(r, ctx)).slice(0, -1)},"caseLevelData":[`);
  const carriers = r.carriers;
  for (let i = 0; i < carriers.length; i++)
    out.bytes(caseLevel.entry(carriers[i].sampleId, carriers[i].genotype, i > 0));
  const frequencies = recordFrequencies(r, ctx);
  out.text(frequencies ? `],"frequencyInPopulations":${JSON.stringify(frequencies)}}` : ']}');
}
