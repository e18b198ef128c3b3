/**
 * Individual metadata files (`helixgate individuals import`): a Phenopackets v2 JSON collection, a TSV or a
 * PED file, read into one record per individual with its terms (NCIT sex, HANCESTRO ancestry, MONDO/NCIT
 * diseases, HPO phenotypic features). Pure parsing and term checking: where the records are sealed and
 * stored is individual-metadata.service.ts. Every error names the file, the line and the field.
 */

/** An ontology term as stored: a CURIE and its label. */
export interface MetadataTerm {
  id: string;
  label: string;
}

/** The fields of an individual that carry filtering terms (the `field` column of `individual_term`). */
export const METADATA_FIELDS = ['sex', 'ancestry', 'disease', 'phenotype'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** One individual's metadata, as sealed in `individual_metadata.record_enc` (JSON). */
export interface IndividualRecord {
  /** The individual's id: its sample id in the dataset's VCF. */
  id: string;
  sex: MetadataTerm | null;
  ancestry: MetadataTerm[];
  diseases: MetadataTerm[];
  phenotypicFeatures: MetadataTerm[];
}

/** A record with where it was read (for error messages). */
export interface ParsedIndividual {
  record: IndividualRecord;
  /** 1-based line of the record in the file. */
  line: number;
}

/** A bad input: `file:line: field: message`. */
export class MetadataFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    message: string,
  ) {
    super(
      `${file}${line !== undefined ? `:${line}` : ''}: ${field !== undefined ? `field ${field}: ` : ''}${message}`,
    );
  }
}

/**
 * Beacon's sex vocabulary (NCIT, as in the Beacon v2 individuals model and the beacon2 reference data):
 * female, male, unknown. Phenopackets' enum values and PED codes map onto it.
 */
export const NCIT_SEX: Readonly<Record<string, MetadataTerm>> = {
  'NCIT:C16576': { id: 'NCIT:C16576', label: 'female' },
  'NCIT:C20197': { id: 'NCIT:C20197', label: 'male' },
  'NCIT:C17998': { id: 'NCIT:C17998', label: 'unknown' },
};
const SEX_WORDS: Record<string, string> = {
  female: 'NCIT:C16576',
  f: 'NCIT:C16576',
  male: 'NCIT:C20197',
  m: 'NCIT:C20197',
  unknown: 'NCIT:C17998',
  unknown_sex: 'NCIT:C17998',
  other_sex: 'NCIT:C17998',
};

const CURIE = /^[A-Za-z][A-Za-z0-9_.]*:[A-Za-z0-9_.:-]+$/;

/** Which ontologies a field's terms may come from. */
export const FIELD_PREFIXES: Record<Exclude<MetadataField, 'sex'>, readonly string[]> = {
  ancestry: ['HANCESTRO'],
  disease: ['MONDO', 'NCIT'],
  phenotype: ['HP'],
};

/**
 * What the importer knows of an ontology prefix: a label for a current term, or an error message (an
 * unknown or obsolete term). `undefined` from `lookup` means the ontology is not installed: the term is
 * kept as written (syntax checked), labelled with the label the file gives or its id.
 */
export interface TermLookup {
  lookup(id: string): { label: string } | { error: string } | undefined;
}

/** Canonical CURIE spelling: upper-case prefix (`hp:0001` → `HP:0001`; `HPO:` → `HP:`). */
export function canonicalCurie(id: string): string {
  const t = id.trim();
  const colon = t.indexOf(':');
  if (colon <= 0) return t;
  let prefix = t.slice(0, colon).toUpperCase();
  if (prefix === 'HPO') prefix = 'HP';
  return `${prefix}:${t.slice(colon + 1)}`;
}

class TermChecker {
  constructor(
    private readonly file: string,
    private readonly terms: TermLookup,
  ) {}

  sex(value: string, line: number, field: string): MetadataTerm | null {
    const v = value.trim();
    if (v === '' || v === '0' || v === '-9') return null;
    const id = SEX_WORDS[v.toLowerCase()] ?? (v === '1' ? 'NCIT:C20197' : v === '2' ? 'NCIT:C16576' : null);
    const term = NCIT_SEX[id ?? canonicalCurie(v)];
    if (!term)
      throw new MetadataFormatError(
        this.file,
        line,
        field,
        `"${v.slice(0, 40)}" is not a sex: use NCIT:C16576 (female), NCIT:C20197 (male), NCIT:C17998 (unknown), female/male/unknown, or PED 1/2/0`,
      );
    return term;
  }

  term(
    kind: Exclude<MetadataField, 'sex'>,
    raw: string,
    givenLabel: string | undefined,
    line: number,
    field: string,
  ): MetadataTerm {
    const id = canonicalCurie(raw);
    if (!CURIE.test(id))
      throw new MetadataFormatError(
        this.file,
        line,
        field,
        `"${raw.slice(0, 60)}" is not a CURIE (PREFIX:id)`,
      );
    const prefix = id.slice(0, id.indexOf(':'));
    const allowed = FIELD_PREFIXES[kind];
    if (!allowed.includes(prefix))
      throw new MetadataFormatError(
        this.file,
        line,
        field,
        `${id}: ${kind} terms come from ${allowed.join(' or ')}, not ${prefix}`,
      );
    const known = this.terms.lookup(id);
    if (known && 'error' in known) throw new MetadataFormatError(this.file, line, field, known.error);
    return { id, label: known?.label ?? givenLabel?.trim() ?? id };
  }
}

function dedupe(terms: MetadataTerm[]): MetadataTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/** Line (1-based) of the first occurrence of `needle` in `text`, or undefined. */
function lineOf(text: string, needle: string, from = 0): number | undefined {
  const at = text.indexOf(needle, from);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A Phenopackets v2 collection: a JSON array of phenopackets, `{ "phenopackets": [...] }`, a Cohort
 * (`{ "members": [...] }`) or a single phenopacket. Per phenopacket: `subject.id` (the sample id),
 * `subject.sex` (`FEMALE`, `MALE`, `UNKNOWN_SEX`, `OTHER_SEX`), `diseases[].term`,
 * `phenotypicFeatures[].type` (an `excluded: true` feature or disease is left out: it is not a
 * membership). Phenopackets v2 has no ancestry field: `subject.ethnicity` / `subject.ancestry` (an
 * OntologyClass or a list, the Beacon individuals model's name) is read when present.
 */
export function parsePhenopackets(file: string, text: string, terms: TermLookup): ParsedIndividual[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MetadataFormatError(file, undefined, undefined, `not valid JSON (${(err as Error).message})`);
  }
  const packets: unknown[] = Array.isArray(json)
    ? json
    : isObject(json) && Array.isArray(json.phenopackets)
      ? json.phenopackets
      : isObject(json) && Array.isArray(json.members)
        ? json.members
        : isObject(json) && isObject(json.subject)
          ? [json]
          : [];
  if (packets.length === 0)
    throw new MetadataFormatError(
      file,
      undefined,
      undefined,
      'no phenopackets: expected an array of phenopackets, {"phenopackets": [...]}, a Cohort {"members": [...]} or one phenopacket',
    );
  const check = new TermChecker(file, terms);
  const out: ParsedIndividual[] = [];
  let searchFrom = 0;
  packets.forEach((p, i) => {
    const where = `phenopackets[${i}]`;
    if (!isObject(p) || !isObject(p.subject) || typeof p.subject.id !== 'string' || !p.subject.id.trim())
      throw new MetadataFormatError(
        file,
        undefined,
        `${where}.subject.id`,
        'missing: every phenopacket needs subject.id',
      );
    const subject = p.subject;
    const id = (subject.id as string).trim();
    const line = lineOf(text, JSON.stringify(id), searchFrom) ?? lineOf(text, JSON.stringify(id)) ?? 1;
    searchFrom = Math.max(searchFrom, text.indexOf(JSON.stringify(id), searchFrom) + 1);
    const ontologyClass = (v: unknown, field: string): { id: string; label?: string } => {
      if (!isObject(v) || typeof v.id !== 'string')
        throw new MetadataFormatError(
          file,
          line,
          field,
          'expected an OntologyClass {"id": "PREFIX:id", "label": ...}',
        );
      return { id: v.id, label: typeof v.label === 'string' ? v.label : undefined };
    };
    const list = (v: unknown, field: string): unknown[] => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) throw new MetadataFormatError(file, line, field, 'expected a list');
      return v;
    };
    let sex: MetadataTerm | null = null;
    if (subject.sex !== undefined && subject.sex !== null) {
      const raw = isObject(subject.sex)
        ? typeof subject.sex.id === 'string'
          ? subject.sex.id
          : ''
        : typeof subject.sex === 'string' || typeof subject.sex === 'number'
          ? String(subject.sex)
          : '';
      sex = check.sex(raw, line, `${where}.subject.sex`);
    }
    const ancestryRaw = subject.ancestry ?? subject.ethnicity;
    const ancestry = (
      Array.isArray(ancestryRaw) ? ancestryRaw : ancestryRaw == null ? [] : [ancestryRaw]
    ).map((a, j) => {
      const f = `${where}.subject.ancestry[${j}]`;
      const c = ontologyClass(a, f);
      return check.term('ancestry', c.id, c.label, line, f);
    });
    const diseases = list(p.diseases, `${where}.diseases`).flatMap((d, j) => {
      const f = `${where}.diseases[${j}].term`;
      if (!isObject(d)) throw new MetadataFormatError(file, line, f, 'expected a Disease {"term": {...}}');
      if (d.excluded === true) return [];
      const c = ontologyClass(d.term, f);
      return [check.term('disease', c.id, c.label, line, f)];
    });
    const phenotypicFeatures = list(p.phenotypicFeatures, `${where}.phenotypicFeatures`).flatMap((x, j) => {
      const f = `${where}.phenotypicFeatures[${j}].type`;
      if (!isObject(x))
        throw new MetadataFormatError(file, line, f, 'expected a PhenotypicFeature {"type": {...}}');
      if (x.excluded === true) return [];
      const c = ontologyClass(x.type, f);
      return [check.term('phenotype', c.id, c.label, line, f)];
    });
    out.push({
      line,
      record: {
        id,
        sex,
        ancestry: dedupe(ancestry),
        diseases: dedupe(diseases),
        phenotypicFeatures: dedupe(phenotypicFeatures),
      },
    });
  });
  return out;
}

/** TSV column names and the field each fills (case-insensitive; `#` before the header is allowed). */
const TSV_COLUMNS: Record<string, 'id' | MetadataField> = {
  individual_id: 'id',
  id: 'id',
  sample: 'id',
  sample_id: 'id',
  sex: 'sex',
  ancestry: 'ancestry',
  population: 'ancestry',
  ethnicity: 'ancestry',
  diseases: 'disease',
  disease: 'disease',
  phenotypic_features: 'phenotype',
  phenotypes: 'phenotype',
  phenotype: 'phenotype',
};

/**
 * A TSV with a header row naming its columns: `individual_id` (or `sample`), and any of `sex`, `ancestry`
 * (or `population`), `diseases`, `phenotypic_features`. Term cells hold CURIEs separated by `;` or `,`,
 * each optionally followed by its label in parentheses: `HANCESTRO:0765 (British in England and Scotland)`.
 * Columns it does not know are refused (never silently dropped).
 */
export function parseTsv(file: string, text: string, terms: TermLookup): ParsedIndividual[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) throw new MetadataFormatError(file, undefined, undefined, 'empty file');
  const header = lines[headerAt]
    .replace(/^#/, '')
    .split('\t')
    .map((h) => h.trim().toLowerCase());
  const columns = header.map((h, i) => {
    const f = TSV_COLUMNS[h];
    if (!f)
      throw new MetadataFormatError(
        file,
        headerAt + 1,
        h || `column ${i + 1}`,
        `unknown column; the columns are individual_id (or sample), sex, ancestry (or population), diseases, phenotypic_features`,
      );
    return f;
  });
  if (!columns.includes('id'))
    throw new MetadataFormatError(
      file,
      headerAt + 1,
      'individual_id',
      'the header needs an individual_id (or sample) column',
    );
  if (new Set(columns).size !== columns.length)
    throw new MetadataFormatError(file, headerAt + 1, undefined, 'a field has two columns');
  const check = new TermChecker(file, terms);
  const out: ParsedIndividual[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const line = i + 1;
    const cells = raw.split('\t');
    if (cells.length !== columns.length)
      throw new MetadataFormatError(
        file,
        line,
        undefined,
        `${cells.length} columns, the header has ${columns.length}`,
      );
    const record: IndividualRecord = {
      id: '',
      sex: null,
      ancestry: [],
      diseases: [],
      phenotypicFeatures: [],
    };
    columns.forEach((f, c) => {
      const cell = cells[c].trim();
      const name = header[c];
      if (f === 'id') {
        if (!cell) throw new MetadataFormatError(file, line, name, 'empty individual id');
        record.id = cell;
      } else if (f === 'sex') record.sex = check.sex(cell, line, name);
      else {
        const parsed = splitTerms(cell).map((t) => check.term(f, t.id, t.label, line, name));
        const key = f === 'ancestry' ? 'ancestry' : f === 'disease' ? 'diseases' : 'phenotypicFeatures';
        record[key] = dedupe(parsed);
      }
    });
    out.push({ line, record });
  }
  return out;
}

/** `A:1 (label one); B:2` → terms with optional labels. */
function splitTerms(cell: string): { id: string; label?: string }[] {
  const out: { id: string; label?: string }[] = [];
  const re = /\s*([^\s;,()]+)\s*(?:\(([^)]*)\))?\s*[;,]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cell)) !== null && m[0] !== '') {
    if (m[1] === '.' || m[1] === '-') continue;
    out.push({ id: m[1], label: m[2] });
  }
  return out;
}

/**
 * A PLINK PED/FAM file: whitespace-separated `FID IID PID MID SEX PHENOTYPE [genotypes...]`; the individual
 * id is IID and SEX is 1 (male), 2 (female) or 0/other (unknown, left unset). PED carries no ontology
 * terms: ancestry, diseases and phenotypes come from a TSV or Phenopackets file.
 */
export function parsePed(file: string, text: string, terms: TermLookup): ParsedIndividual[] {
  const check = new TermChecker(file, terms);
  const out: ParsedIndividual[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const line = i + 1;
    const cells = raw.trim().split(/\s+/);
    if (cells.length < 6)
      throw new MetadataFormatError(
        file,
        line,
        undefined,
        `${cells.length} columns; PED needs FID IID PID MID SEX PHENOTYPE`,
      );
    const sexCode = cells[4];
    const sex = sexCode === '1' || sexCode === '2' ? check.sex(sexCode, line, 'SEX') : null;
    out.push({ line, record: { id: cells[1], sex, ancestry: [], diseases: [], phenotypicFeatures: [] } });
  });
  return out;
}

/** Picks the parser by the file name: `.json` Phenopackets, `.ped`/`.fam` PED, anything else TSV. */
export function parseIndividualMetadata(file: string, text: string, terms: TermLookup): ParsedIndividual[] {
  const name = file.toLowerCase();
  const parsed = name.endsWith('.json')
    ? parsePhenopackets(file, text, terms)
    : name.endsWith('.ped') || name.endsWith('.fam')
      ? parsePed(file, text, terms)
      : parseTsv(file, text, terms);
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const first = seen.get(p.record.id);
    if (first !== undefined)
      throw new MetadataFormatError(
        file,
        p.line,
        'individual_id',
        `individual ${p.record.id.slice(0, 64)} is listed twice (first on line ${first})`,
      );
    seen.set(p.record.id, p.line);
  }
  return parsed;
}

/** The memberships of a record: (field, term) pairs, one per term it carries. */
export function recordTerms(r: IndividualRecord): { field: MetadataField; term: MetadataTerm }[] {
  return [
    ...(r.sex ? [{ field: 'sex' as const, term: r.sex }] : []),
    ...r.ancestry.map((term) => ({ field: 'ancestry' as const, term })),
    ...r.diseases.map((term) => ({ field: 'disease' as const, term })),
    ...r.phenotypicFeatures.map((term) => ({ field: 'phenotype' as const, term })),
  ];
}

/** A set of individual indexes as a bitmap (bit i of byte i >> 3), the form sealed in `individual_term`. */
export function toBitmap(indexes: Iterable<number>, n: number): Buffer {
  const b = Buffer.alloc(Math.ceil(n / 8));
  for (const i of indexes) b[i >> 3] |= 1 << (i & 7);
  return b;
}

export function fromBitmap(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) continue;
    for (let j = 0; j < 8; j++) if (b[i] & (1 << j)) out.push(i * 8 + j);
  }
  return out;
}
