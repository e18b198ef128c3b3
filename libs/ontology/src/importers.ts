import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normaliseCurie, type OntologyMetadata, type OntologyRelease, type OntologyTerm } from './ontology';

/**
 * Importers for the formats an OBO ontology is released in. Each returns the terms of one prefix (MONDO, HP,
 * ...), with is_a parents limited to that prefix, obsolete terms with replaced_by/consider, cross-references
 * (exact ones apart) and exact synonyms where the format has them. Hand-written: OBO flat files and OBO Graph
 * JSON are simple, line/record oriented formats, and the only maintained npm parsers are abandoned or pull in
 * an RDF stack.
 */

export class OntologyImportError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'OntologyImportError';
  }
}

type Meta = Omit<OntologyMetadata, 'version'> & { version?: string };

interface MutableTerm {
  id: string;
  label: string;
  parents: string[];
  obsolete?: boolean;
  replacedBy?: string;
  consider: string[];
  exactXrefs: string[];
  xrefs: string[];
  synonyms: string[];
}

const newTerm = (id: string): MutableTerm => ({
  id,
  label: '',
  parents: [],
  consider: [],
  exactXrefs: [],
  xrefs: [],
  synonyms: [],
});

/** Cross-references that name a database entry; literature and web pages are dropped. */
function usefulXref(x: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_.]*:\S+$/.test(x) && !/^(PMID|ISBN|Wikipedia|url|https?|DOI):/i.test(x);
}

function finish(terms: Map<string, MutableTerm>, prefix: string, meta: Meta, where: string): OntologyRelease {
  if (!meta.version) throw new OntologyImportError(where, 'no release version found (give one explicitly)');
  const out: OntologyTerm[] = [];
  for (const t of terms.values()) {
    if (!t.id.startsWith(`${prefix}:`)) continue;
    const uniq = (xs: string[]) => [...new Set(xs)];
    const exact = uniq(t.exactXrefs.filter(usefulXref).map(normaliseCurie));
    const term: OntologyTerm = {
      id: t.id,
      label: t.label || t.id,
      parents: t.obsolete ? [] : uniq(t.parents.filter((p) => p.startsWith(`${prefix}:`) && p !== t.id)),
      ...(t.obsolete ? { obsolete: true } : {}),
      ...(t.obsolete && t.replacedBy ? { replacedBy: t.replacedBy } : {}),
      ...(t.obsolete && t.consider.length ? { consider: uniq(t.consider) } : {}),
      ...(exact.length ? { exactXrefs: exact } : {}),
      ...(() => {
        const other = uniq(t.xrefs.filter(usefulXref).map(normaliseCurie)).filter((x) => !exact.includes(x));
        return other.length ? { xrefs: other } : {};
      })(),
      ...(t.synonyms.length ? { synonyms: uniq(t.synonyms) } : {}),
    };
    out.push(term);
  }
  if (out.length === 0) throw new OntologyImportError(where, `no ${prefix} terms found`);
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...meta, version: meta.version, terms: out };
}

/** OBO 1.4 flat file (e.g. mondo.obo, hp.obo). The version comes from `data-version:` unless given. */
export function parseObo(text: string, meta: Meta, where = 'obo'): OntologyRelease {
  const terms = new Map<string, MutableTerm>();
  let version = meta.version;
  let current: MutableTerm | null = null;
  let inTerm = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('[')) {
      inTerm = line.trim() === '[Term]';
      current = null;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const tag = line.slice(0, colon);
    // a value ends before a trailing "! comment" and "{qualifiers}"
    const raw = line.slice(colon + 1).trim();
    if (!inTerm) {
      if (tag === 'data-version' && !version) version = raw.replace(/^.*releases\//, '').replace(/\/.*$/, '');
      continue;
    }
    if (tag === 'id') {
      const id = raw.split(/\s/)[0];
      if (terms.has(id)) throw new OntologyImportError(`${where}:${i + 1}`, `term ${id} is defined twice`);
      current = newTerm(id);
      terms.set(id, current);
      continue;
    }
    if (!current) throw new OntologyImportError(`${where}:${i + 1}`, `"${tag}" before the term's id`);
    const value = raw.replace(/\s*!.*$/, '');
    const qualifiers = /\{([^}]*)\}\s*$/.exec(value)?.[1] ?? '';
    const bare = value.replace(/\s*\{[^}]*\}\s*$/, '').trim();
    switch (tag) {
      case 'name':
        current.label = raw;
        break;
      case 'is_a':
        current.parents.push(bare.split(/\s/)[0]);
        break;
      case 'is_obsolete':
        current.obsolete = bare === 'true';
        break;
      case 'replaced_by':
        current.replacedBy = bare.split(/\s/)[0];
        break;
      case 'consider':
        current.consider.push(bare.split(/\s/)[0]);
        break;
      case 'xref': {
        const x = bare.split(/\s/)[0];
        if (/MONDO:equivalentTo|skos:exactMatch/.test(qualifiers)) current.exactXrefs.push(x);
        else current.xrefs.push(x);
        break;
      }
      case 'property_value': {
        const m = /^(skos:exactMatch|http:\/\/www\.w3\.org\/2004\/02\/skos\/core#exactMatch)\s+(\S+)/.exec(
          bare,
        );
        if (m) current.exactXrefs.push(iriToCurie(m[2]) ?? m[2]);
        break;
      }
      case 'synonym': {
        const m = /^"((?:[^"\\]|\\.)*)"\s+EXACT\b/.exec(bare);
        if (m) current.synonyms.push(m[1].replace(/\\(.)/g, '$1'));
        break;
      }
    }
  }
  return finish(terms, meta.prefix, { ...meta, version }, where);
}

const OBO_PURL = /^https?:\/\/purl\.obolibrary\.org\/obo\/([A-Za-z][A-Za-z0-9]*)_(\S+)$/;

/** `http://purl.obolibrary.org/obo/MONDO_0000001` → `MONDO:0000001`; CURIEs pass; other IRIs → undefined. */
export function iriToCurie(iri: string): string | undefined {
  const m = OBO_PURL.exec(iri);
  if (m) return `${m[1]}:${m[2]}`;
  const orpha = /^https?:\/\/www\.orpha\.net\/ORDO\/Orphanet_(\d+)$/.exec(iri);
  if (orpha) return `Orphanet:${orpha[1]}`;
  return /^[A-Za-z][A-Za-z0-9_.]*:[^/]\S*$/.test(iri) ? iri : undefined;
}

interface OboGraphNode {
  id: string;
  lbl?: string;
  type?: string;
  meta?: {
    deprecated?: boolean;
    xrefs?: { val: string }[];
    synonyms?: { pred?: string; val: string }[];
    basicPropertyValues?: { pred: string; val: string }[];
  };
}

/** OBO Graph JSON (e.g. mondo.json): nodes, `is_a` edges and node metadata of the first graph. */
export function parseOboGraphJson(json: unknown, meta: Meta, where = 'json'): OntologyRelease {
  const graph = (json as { graphs?: unknown[] })?.graphs?.[0] as
    | {
        meta?: { version?: string; basicPropertyValues?: { pred: string; val: string }[] };
        nodes?: OboGraphNode[];
        edges?: { sub: string; pred: string; obj: string }[];
      }
    | undefined;
  if (!graph || !Array.isArray(graph.nodes))
    throw new OntologyImportError(where, 'not an OBO Graph JSON document (graphs[0].nodes missing)');
  let version = meta.version;
  if (!version) {
    const v =
      graph.meta?.basicPropertyValues?.find((p) => p.pred.endsWith('versionInfo'))?.val ??
      graph.meta?.version?.replace(/^.*releases\//, '').replace(/\/.*$/, '');
    if (v) version = v;
  }
  const terms = new Map<string, MutableTerm>();
  for (const n of graph.nodes) {
    if (n.type && n.type !== 'CLASS') continue;
    const id = iriToCurie(n.id);
    if (!id) continue;
    const t = newTerm(id);
    t.label = n.lbl ?? '';
    t.obsolete = n.meta?.deprecated === true;
    for (const x of n.meta?.xrefs ?? []) t.xrefs.push(x.val);
    for (const s of n.meta?.synonyms ?? []) if (s.pred === 'hasExactSynonym') t.synonyms.push(s.val);
    for (const p of n.meta?.basicPropertyValues ?? []) {
      const val = iriToCurie(p.val) ?? p.val;
      if (p.pred.endsWith('IAO_0100001')) t.replacedBy = val;
      else if (p.pred.endsWith('#consider')) t.consider.push(val);
      else if (p.pred.endsWith('skos/core#exactMatch')) t.exactXrefs.push(val);
    }
    terms.set(id, t);
  }
  for (const e of graph.edges ?? []) {
    if (e.pred !== 'is_a') continue;
    const sub = iriToCurie(e.sub);
    const obj = iriToCurie(e.obj);
    if (sub && obj) terms.get(sub)?.parents.push(obj);
  }
  return finish(terms, meta.prefix, { ...meta, version }, where);
}

function readTsv(file: string): string[][] {
  const text = fs.readFileSync(file, 'utf8');
  return text
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t').map((c) => c.replace(/^"(.*)"$/, '$1').replace(/\\"/g, '"')));
}

/**
 * The TSV reports an ODK release writes beside the ontology (`reports/edges.tsv`, `class-stats.tsv`,
 * `obsoletes.tsv`, `xrefs.tsv`; produced by SPARQL over the released OWL file), plus any
 * `*_exactmatch_*.sssom.tsv` mapping sets in the same folder, which mark the exact cross-references.
 */
export function parseOdkReports(dir: string, meta: Meta): OntologyRelease {
  const need = ['edges.tsv', 'class-stats.tsv', 'obsoletes.tsv', 'xrefs.tsv'];
  for (const f of need)
    if (!fs.existsSync(path.join(dir, f)))
      throw new OntologyImportError(dir, `missing ${f} (an ODK release's reports/ folder has it)`);
  const terms = new Map<string, MutableTerm>();
  const get = (id: string) => {
    let t = terms.get(id);
    if (!t) terms.set(id, (t = newTerm(id)));
    return t;
  };
  const header = (rows: string[][], file: string, cols: string[]) => {
    const h = (rows[0] ?? []).map((c) => c.replace(/^\?/, ''));
    cols.forEach((c, i) => {
      if (h[i] !== c) throw new OntologyImportError(`${file}:1`, `column ${i + 1} should be "${c}"`);
    });
    return rows.slice(1);
  };
  const prefix = `${meta.prefix}:`;
  for (const [cls, label] of header(readTsv(path.join(dir, 'class-stats.tsv')), 'class-stats.tsv', [
    'cls',
    'cls_label',
  ]))
    if (cls.startsWith(prefix)) get(cls).label = label;
  for (const [x, p, y] of header(readTsv(path.join(dir, 'edges.tsv')), 'edges.tsv', ['x', 'p', 'y']))
    if (p === 'rdfs:subClassOf' && x.startsWith(prefix)) get(x).parents.push(y);
  for (const [cls, repl, cons] of header(readTsv(path.join(dir, 'obsoletes.tsv')), 'obsoletes.tsv', [
    'cls',
    'replCls',
    'consCls',
  ])) {
    if (!cls.startsWith(prefix)) continue;
    const t = get(cls);
    t.obsolete = true;
    if (repl) t.replacedBy = iriToCurie(repl) ?? repl;
    if (cons) t.consider.push(iriToCurie(cons) ?? cons);
  }
  for (const [cls, xref] of header(readTsv(path.join(dir, 'xrefs.tsv')), 'xrefs.tsv', ['cls', 'xref']))
    if (cls.startsWith(prefix)) get(cls).xrefs.push(xref);
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => /exactmatch.*\.sssom\.tsv$/.test(n))
    .sort()) {
    const rows = readTsv(path.join(dir, f));
    const h = rows[0] ?? [];
    const [s, pr, o] = ['subject_id', 'predicate_id', 'object_id'].map((c) => h.indexOf(c));
    if (s < 0 || pr < 0 || o < 0) throw new OntologyImportError(`${f}:1`, 'not an SSSOM table');
    for (const r of rows.slice(1))
      if (r[pr] === 'skos:exactMatch' && r[s].startsWith(prefix) && terms.has(r[s]))
        get(r[s]).exactXrefs.push(r[o]);
  }
  // An obsolete class keeps its label ("obsolete X") but no parents; a class with neither label nor edges
  // came only from a mapping set and is dropped.
  for (const [id, t] of terms) if (!t.label && !t.parents.length && !t.obsolete) terms.delete(id);
  return finish(terms, meta.prefix, meta, dir);
}

/** Picks the importer by what `file` is: a folder of ODK reports, `.obo`, `.json` (OBO Graph), `.gz` of either. */
export function importOntologyFile(file: string, meta: Meta): OntologyRelease {
  if (!fs.existsSync(file)) throw new OntologyImportError(file, 'no such file or folder');
  if (fs.statSync(file).isDirectory()) return parseOdkReports(file, meta);
  let buf = fs.readFileSync(file);
  let name = file;
  if (name.endsWith('.gz')) {
    buf = gunzipSync(buf);
    name = name.slice(0, -3);
  }
  const where = path.basename(file);
  if (name.endsWith('.obo')) return parseObo(buf.toString('utf8'), meta, where);
  if (name.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch (err) {
      throw new OntologyImportError(where, `not valid JSON (${(err as Error).message})`);
    }
    return parseOboGraphJson(json, meta, where);
  }
  throw new OntologyImportError(
    where,
    'expected a .obo or OBO Graph .json file (optionally .gz), or a reports folder',
  );
}
