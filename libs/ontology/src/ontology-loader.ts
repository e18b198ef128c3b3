import * as fs from 'node:fs';
import * as path from 'node:path';
import { compactFileName, readCompactFile, shippedOntologyDir } from './compact-file';
import type { Ontology } from './ontology';

/** Where an ontology was loaded from, and how long it took (shown by `helixgate ontology show`). */
export interface LoadedOntology {
  ontology: Ontology;
  file: string;
  /** `node`: this node's copy from `helixgate ontology update`; `shipped`: the one in the installation. */
  origin: 'node' | 'shipped';
  loadMs: number;
}

const cache = new Map<string, { mtimeMs: number; loaded: LoadedOntology }>();

/** The node's own copy (`<HELIXGATE_DATA_DIR>/ontology/<prefix>.json.gz`). */
export function nodeOntologyFile(dataDir: string, prefix: string): string {
  return path.join(dataDir, 'ontology', compactFileName(prefix));
}

/**
 * Loads an ontology once per process and file version: the node's copy when `helixgate ontology update` has
 * written one under `dataDir`, else the copy shipped in `libs/ontology/data/`. A file replaced on disk (same
 * path, newer mtime) is read again on the next call.
 */
export function loadOntology(prefix: string, dataDir?: string): LoadedOntology {
  const own = dataDir ? nodeOntologyFile(dataDir, prefix) : undefined;
  const file = own && fs.existsSync(own) ? own : path.join(shippedOntologyDir(), compactFileName(prefix));
  if (!fs.existsSync(file))
    throw new Error(`no ${prefix} ontology: neither ${own ?? '(no data dir)'} nor ${file} exists`);
  const mtimeMs = fs.statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
  const started = performance.now();
  const ontology = readCompactFile(file);
  const loaded: LoadedOntology = {
    ontology,
    file,
    origin: file === own ? 'node' : 'shipped',
    loadMs: performance.now() - started,
  };
  cache.set(file, { mtimeMs, loaded });
  return loaded;
}
