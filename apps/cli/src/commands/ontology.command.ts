import type { Command } from 'commander';
import { ConfigError, loadConfig } from '@helixgate/config';
import {
  OntologyImportError,
  importOntologyFile,
  loadOntology,
  nodeOntologyFile,
  writeCompactFile,
  type OntologyRelease,
} from '@helixgate/ontology';
import { CliError } from '../cli-context';
import { type OutputOptions, printJson, withJsonOption } from '../output';

const MONDO_LICENSE = 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), the Monarch Initiative';

/** The ontologies `ontology update` imports: MONDO (DUO matcher, Beacon filters), HANCESTRO and HPO (Beacon filters). */
const IMPORTABLE: Record<'mondo' | 'hancestro' | 'hp', { prefix: string; name: string; license: string }> = {
  mondo: { prefix: 'MONDO', name: 'Mondo Disease Ontology', license: MONDO_LICENSE },
  hancestro: {
    prefix: 'HANCESTRO',
    name: 'Human Ancestry Ontology',
    license:
      'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), EMBL-EBI and the HANCESTRO contributors',
  },
  hp: {
    prefix: 'HP',
    name: 'Human Phenotype Ontology',
    license:
      'HPO licence (https://hpo.jax.org/app/license: free use with attribution, unmodified terms), the Monarch Initiative',
  },
};

function dataDir(): string {
  try {
    return loadConfig().dataDir;
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, 78);
    throw err;
  }
}

function crossReferences(r: OntologyRelease): number {
  return r.terms.reduce((n, t) => n + (t.exactXrefs?.length ?? 0) + (t.xrefs?.length ?? 0), 0);
}

function counts(r: OntologyRelease): string {
  const obsolete = r.terms.filter((t) => t.obsolete).length;
  return `${r.terms.length - obsolete} current terms, ${obsolete} obsolete, ${crossReferences(r)} cross-references`;
}

export function registerOntologyCommands(program: Command): void {
  const ontology = program
    .command('ontology')
    .description('disease ontology (MONDO) used by the DUO matcher: update from a release, inspect');

  ontology
    .command('update')
    .description(
      "import a MONDO release (mondo.obo, mondo.json, either .gz, or an ODK release's reports/ folder), or a HANCESTRO or HPO release (.obo/.json), into this node",
    )
    .option('--mondo <file>', 'a MONDO release file or reports folder')
    .option('--hancestro <file>', 'a HANCESTRO release file (hancestro.obo or .json)')
    .option('--hp <file>', 'an HPO release file (hp.obo or hp.json)')
    .option('--release <version>', "release version (read from the file's data-version when not given)")
    .option('--source <text>', 'where the release came from (kept with the terms)')
    .option('--out <file>', 'write here instead of <HELIXGATE_DATA_DIR>/ontology/<prefix>.json.gz')
    .action(
      (o: {
        mondo?: string;
        hancestro?: string;
        hp?: string;
        release?: string;
        source?: string;
        out?: string;
      }) => {
        const started = performance.now();
        const given = (['mondo', 'hancestro', 'hp'] as const).filter((k) => o[k] !== undefined);
        if (given.length !== 1) throw new CliError('give exactly one of --mondo, --hancestro, --hp', 64);
        const which = IMPORTABLE[given[0]];
        const input = o[given[0]]!;
        let release: OntologyRelease;
        try {
          release = importOntologyFile(input, {
            prefix: which.prefix,
            version: o.release,
            source: o.source ?? `${which.name}, imported from ${input}`,
            license: which.license,
          });
        } catch (err) {
          if (err instanceof OntologyImportError) throw new CliError(err.message, 65);
          throw err;
        }
        const out = o.out ?? nodeOntologyFile(dataDir(), which.prefix);
        writeCompactFile(out, release);
        const ms = Math.round(performance.now() - started);
        process.stdout.write(
          `${which.prefix} ${release.version}: ${counts(release)}\nwritten to ${out} in ${ms} ms\n`,
        );
      },
    );

  withJsonOption(ontology.command('show'))
    .description('which MONDO release this node uses, from where, and how fast it loads')
    .action((opts: OutputOptions) => {
      const loaded = loadOntology('MONDO', dataDir());
      const o = loaded.ontology;
      const terms = [...o.all()];
      const release = { ...o.meta, terms };
      if (opts.json) {
        const obsolete = terms.filter((t) => t.obsolete).length;
        printJson({
          ontology: 'MONDO',
          version: o.meta.version,
          origin: loaded.origin,
          file: loaded.file,
          source: o.meta.source,
          license: o.meta.license,
          currentTerms: terms.length - obsolete,
          obsoleteTerms: obsolete,
          crossReferences: crossReferences(release),
          loadMs: Math.round(loaded.loadMs),
        });
        return;
      }
      process.stdout.write(
        [
          `MONDO ${o.meta.version} (${loaded.origin}: ${loaded.file})`,
          `source: ${o.meta.source}`,
          `license: ${o.meta.license}`,
          counts(release),
          `loaded in ${Math.round(loaded.loadMs)} ms`,
        ].join('\n') + '\n',
      );
    });

  ontology
    .command('term <curie>')
    .description('resolve a MONDO id or a cross-reference (DOID:162, ICD10CM:C50) and show its place')
    .option('--json', 'print JSON (an array: a cross-reference may resolve to several terms)')
    .action((curie: string, opts: OutputOptions) => {
      const o = loadOntology('MONDO', dataDir()).ontology;
      const r = o.resolve(curie);
      if (r.ids.length === 0)
        throw new CliError(`${curie}: not a current MONDO term nor a known cross-reference`, 1);
      if (opts.json) {
        printJson(
          r.ids.map((id) => ({
            id,
            label: o.label(id),
            via: r.via,
            parents: o.parents(id).map((p) => ({ id: p, label: o.label(p) })),
            descendantCount: o.descendants(id).size,
          })),
        );
        return;
      }
      for (const id of r.ids) {
        const parents = o.parents(id).map((p) => `${p} (${o.label(p)})`);
        process.stdout.write(
          `${id}\t${o.label(id)}\tvia ${r.via}\n  parents: ${parents.join('; ') || '(root)'}\n  descendants: ${o.descendants(id).size}\n`,
        );
      }
    });
}
