import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { GeneIndex, type ResolvedGene } from './gene-index';

const gunzip = promisify(zlib.gunzip);

let shippedDir: string | undefined;

/** This installation's `libs/genes/data/` (walks up from libs/genes/src or dist/libs/genes/src). */
export function shippedGenesDir(): string {
  if (shippedDir) return shippedDir;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'libs', 'genes', 'data');
    if (fs.existsSync(path.join(candidate, 'SOURCES.md'))) return (shippedDir = candidate);
    dir = path.dirname(dir);
  }
  return (shippedDir = path.resolve('libs', 'genes', 'data'));
}

/** Reads and indexes the shipped GRCh38 gene coordinates and aliases (about 0.3 s, 20-30 MB of heap). */
export async function loadGeneIndex(dir = shippedGenesDir()): Promise<GeneIndex> {
  const [genes, aliases] = await Promise.all(
    ['genes_GRCh38.tsv.gz', 'gene_aliases.tsv.gz'].map(async (f) =>
      (await gunzip(await fs.promises.readFile(path.join(dir, f)))).toString('utf8'),
    ),
  );
  return GeneIndex.parse(genes, aliases);
}

/**
 * Gene coordinates for gene queries. The index is loaded on first use (a node that is never asked by gene
 * never pays for it); concurrent first callers share one load, and a failed load is retried by the next.
 */
@Injectable()
export class GenesService {
  private readonly logger = new Logger(GenesService.name);
  private loading: Promise<GeneIndex> | null = null;

  index(): Promise<GeneIndex> {
    this.loading ??= (async () => {
      const started = performance.now();
      const index = await loadGeneIndex();
      this.logger.log(
        `gene index loaded: ${index.geneCount} genes, ${index.aliasCount} aliases in ${Math.round(performance.now() - started)} ms`,
      );
      return index;
    })().catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  /** Resolves a Beacon `geneId` (symbol, alias or NCBI Gene id) to its GRCh38 loci; throws UNKNOWN_GENE. */
  async resolve(geneId: string): Promise<ResolvedGene> {
    return (await this.index()).resolve(geneId);
  }
}
