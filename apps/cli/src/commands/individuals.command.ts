import type { Command } from 'commander';
import { IndividualMetadataService, type IndividualImportSummary } from '@helixgate/variants';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withOperation } from '../cli-context';
import { printJson } from '../output';

function formatSummary(s: IndividualImportSummary): string {
  const t = s.terms;
  return (
    `imported ${s.file} into ${s.datasetId}: ${s.individuals} individuals described` +
    (s.undescribed ? ` (${s.undescribed} of the dataset not in the file)` : '') +
    `; terms: ${t.sex} sex, ${t.ancestry} ancestry, ${t.disease} disease, ${t.phenotype} phenotype; ` +
    `${s.seconds.toFixed(2)} s\n`
  );
}

export function registerIndividualCommands(program: Command): void {
  const individuals = program
    .command('individuals')
    .description(
      'individual metadata of a dataset (sex, ancestry, diseases, phenotypes), for Beacon filters',
    );
  individuals
    .command('import')
    .description(
      "replace a dataset's individual metadata from a Phenopackets v2 JSON collection, a TSV or a PED file, atomically; values are sealed",
    )
    .requiredOption('--dataset <id>', 'the dataset (its VCF ingested: individuals are its samples)')
    .argument('<file>', 'file.json (Phenopackets), file.tsv, file.ped')
    .option('--json', 'print the summary as JSON')
    .action((file: string, opts: { dataset: string; json?: boolean }) =>
      withOperation('individuals import', async ({ app, audit }) => {
        let sha256: string | null = null;
        try {
          sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
        } catch {
          // unreadable: the import reports why
        }
        audit.annotate({ datasetIds: [opts.dataset], detail: { file: path.basename(file), sha256 } });
        const summary = await app.get(IndividualMetadataService).importFile(opts.dataset, file);
        // The distinct terms stored per field, as `field:count` (a detail is scalars or arrays of them).
        const terms = Object.entries(summary.terms).map(([field, n]) => `${field}:${n}`);
        audit.annotate({ detail: { individualCount: summary.individuals, terms } });
        if (opts.json) printJson(summary);
        else process.stdout.write(formatSummary(summary));
      }),
    );
}
