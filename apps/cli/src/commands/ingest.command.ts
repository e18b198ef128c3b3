import type { Command } from 'commander';
import { IngestService, type IngestSummary } from '@helixgate/variants';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { withOperation } from '../cli-context';
import { printJson } from '../output';
import { Progress } from '../progress';

/** SHA-256 of the file as given (compressed or not): the audit trail says exactly which file was loaded. */
async function sha256Of(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch {
    return null; // unreadable: the ingest itself reports why
  }
  return hash.digest('hex');
}

function formatSummary(s: IngestSummary): string {
  return (
    `ingested ${s.file} into ${s.datasetId}: ${s.records} records, ${s.altRows} ALT rows, ` +
    `${s.skipped} skipped (ALT=.), ${s.individuals} individuals, ` +
    (s.annotations ? `${s.annotations} annotations (VEP/SnpEff), ` : '') +
    `${s.seconds.toFixed(2)} s, ` +
    `${Math.round(s.recordsPerSecond)} records/s (${s.writePath})\n`
  );
}

export function registerIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description(
      'load a VCF (plain, gzip or bgzip) into a dataset, atomically; genotypes and sample ids are encrypted',
    )
    .requiredOption('--dataset <id>', 'target dataset (create it first with `datasets create`)')
    .option('--replace', "replace the dataset's individuals and variants in the same transaction", false)
    .argument('<file>', 'file.vcf, file.vcf.gz or bgzipped VCF')
    .option('--json', 'print the summary as JSON (warnings are also in it)')
    .action((file: string, opts: { dataset: string; replace: boolean; json?: boolean }) =>
      withOperation('ingest', async ({ app, audit, caller }) => {
        const sha256 = await sha256Of(file);
        audit.annotate({
          datasetIds: [opts.dataset],
          detail: { file: path.basename(file), sha256, replace: opts.replace },
        });
        const mib = (b: number) => Math.round((b / 1048576) * 10) / 10;
        const progress = new Progress('ingest', 'MiB');
        try {
          const summary = await app.get(IngestService).ingestFile(opts.dataset, file, {
            replace: opts.replace,
            actor: `${caller.issuer}#${caller.subject}`,
            sha256,
            onProgress: (read, total) => progress.update(mib(read), mib(total)),
          });
          progress.stop();
          audit.annotate({
            detail: {
              records: summary.records,
              altRows: summary.altRows,
              skipped: summary.skipped,
              individualCount: summary.individuals,
            },
          });
          for (const w of summary.warnings) process.stderr.write(`helixgate: warning: ${w}\n`);
          if (opts.json) printJson(summary);
          else process.stdout.write(formatSummary(summary));
        } finally {
          progress.stop();
        }
      }),
    );
}
