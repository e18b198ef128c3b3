import type { Command } from 'commander';
import * as path from 'node:path';
import { PanelService, type PanelImportSummary, type ReferencePanel } from '@helixgate/panels';
import { withApp, withOperation } from '../cli-context';
import { type Column, type OutputOptions, printJson, printTable, withJsonOption } from '../output';
import { Progress } from '../progress';

const PANEL_COLUMNS: Column<ReferencePanel>[] = [
  { header: 'NAME', key: 'name', value: (p) => p.name },
  { header: 'ASSEMBLY', key: 'assembly', value: (p) => p.assembly },
  {
    header: 'ALLELES',
    key: 'alleleCount',
    value: (p) => p.alleleCount,
    text: (p) => `${p.alleleCount} alleles`,
  },
  { header: 'FREQUENCY_SOURCE', key: 'frequencySource', value: (p) => p.frequencySource },
  { header: 'SOURCE_FILE', key: 'sourceFile', value: (p) => p.sourceFile },
  { header: 'IMPORTED_AT', key: 'importedAt', value: (p) => p.importedAt.toISOString() },
];

function formatSummary(s: PanelImportSummary): string {
  const sources = Object.entries(s.sources)
    .map(([k, v]) => `${v} from ${k}`)
    .join(', ');
  return (
    `imported panel ${s.name} (${s.assembly}) from ${s.file}: ${s.alleles} alleles (${sources}), ` +
    `${s.records} records, ${s.skipped} without an ALT allele, ${s.seconds.toFixed(2)} s\nsha256 ${s.sha256}\n`
  );
}

/** A panel's default name: the file name without its VCF extensions. */
export function defaultPanelName(file: string): string {
  return path
    .basename(file)
    .replace(/\.(vcf|bcf)(\.b?gz)?$/i, '')
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 64);
}

export function registerPanelCommands(program: Command): void {
  const panel = program
    .command('panel')
    .description('reference panels: the allele frequencies the privacy guard prices answers from');
  panel
    .command('import')
    .description(
      'import allele frequencies from a VCF (INFO/AF; else the genotypes; else INFO/AC and AN), atomically. ' +
        'The panel must not contain any member of the datasets it prices (docs/privacy.md)',
    )
    .requiredOption('--assembly <assembly>', 'GRCh37 or GRCh38')
    .option('--name <name>', 'panel name (default: the file name without .vcf.gz)')
    .option('--replace', 'replace a panel of the same name in the same transaction', false)
    .argument('<file>', 'file.vcf, file.vcf.gz or bgzipped VCF (a sites file is enough)')
    .option('--json', 'print the summary as JSON')
    .action((file: string, opts: { assembly: string; name?: string; replace: boolean; json?: boolean }) =>
      withOperation('panel import', async ({ app, caller, audit }) => {
        const name = opts.name ?? defaultPanelName(file);
        audit.annotate({ detail: { panel: name, file: path.basename(file), assembly: opts.assembly } });
        const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;
        const progress = new Progress('panel', 'MiB');
        try {
          const summary = await app.get(PanelService).importFile(caller, name, opts.assembly, file, {
            replace: opts.replace,
            onProgress: (read, total) => progress.update(mib(read), mib(total)),
          });
          progress.stop();
          if (opts.json) printJson(summary);
          else process.stdout.write(formatSummary(summary));
        } finally {
          progress.stop();
        }
      }),
    );
  withJsonOption(panel.command('list'))
    .description('list the imported panels')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        printTable(await app.get(PanelService).list(), PANEL_COLUMNS, opts);
      }),
    );
}
