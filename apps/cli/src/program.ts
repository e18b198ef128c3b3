import { Command, CommanderError } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '@helixgate/common';
import { KeyRingStartupError } from '@helixgate/crypto';
import { CliError } from './cli-context';
import { registerAuditCommands } from './commands/audit.command';
import { registerBackupCommands } from './commands/backup.command';
import { registerConfigCommands } from './commands/config.command';
import { registerConsentCommands } from './commands/consent.command';
import { registerDatasetCommands } from './commands/datasets.command';
import { registerDbCommands } from './commands/db.command';
import { registerIngestCommands } from './commands/ingest.command';
import { registerIndividualCommands } from './commands/individuals.command';
import { registerKeyCommands } from './commands/keys.command';
import { registerNodeCommands } from './commands/node.command';
import { registerNotificationCommands } from './commands/notifications.command';
import { registerOntologyCommands } from './commands/ontology.command';
import { registerPanelCommands } from './commands/panel.command';
import { registerParticipantCommands } from './commands/participants.command';
import { registerPeerCommands } from './commands/peers.command';
import { registerSigningKeyCommands } from './commands/signing-keys.command';
import { registerTokenCommands } from './commands/tokens.command';
import { registerUserCommands } from './commands/users.command';

/** sysexits(3): the command line was wrong. */
export const EX_USAGE = 64;

/** The version of the package the CLI runs from (the nearest package.json named helixgate). */
export function helixgateVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'helixgate' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** `helixgate` with every command group; parse errors throw (exitOverride) instead of exiting. */
export function buildProgram(): Command {
  const program = new Command()
    .name('helixgate')
    .description('Helixgate node administration: datasets, ingest, keys, users, audit')
    .version(helixgateVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerConfigCommands,
    registerDbCommands,
    registerBackupCommands,
    registerAuditCommands,
    registerDatasetCommands,
    registerConsentCommands,
    registerOntologyCommands,
    registerIngestCommands,
    registerIndividualCommands,
    registerPanelCommands,
    registerKeyCommands,
    registerParticipantCommands,
    registerUserCommands,
    registerTokenCommands,
    registerSigningKeyCommands,
    registerNodeCommands,
    registerPeerCommands,
    registerNotificationCommands,
  ]) {
    register(program);
  }
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0; 64 for a command line commander or a command refused (usage
 * and help already printed); a CliError's own code (65 bad input file, 78 configuration, ...); 66 when the
 * master key ring is missing or lacks keys the data needs, 77 when its file is open to others; 1 for a
 * refused operation (`CODE: message`) or an unexpected failure — one line, the stack only with
 * HELIXGATE_DEBUG=1.
 */
export async function runCli(argv: readonly string[], err: (line: string) => void): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (e: unknown) {
    if (e instanceof CommanderError) {
      // help and --version "fail" with exit code 0; commander has already printed the problem
      return e.exitCode === 0 ? 0 : EX_USAGE;
    }
    if (e instanceof CliError) {
      err(`helixgate: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof KeyRingStartupError) {
      err(`helixgate: ${e.code}: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof DomainError) {
      err(`helixgate: ${e.code}: ${e.message}`);
      return 1;
    }
    const message = e instanceof Error ? e.message : String(e);
    err(`helixgate: unexpected error: ${message}`);
    if (process.env.HELIXGATE_DEBUG === '1' && e instanceof Error && e.stack) err(e.stack);
    else err('helixgate: run again with HELIXGATE_DEBUG=1 for the stack trace');
    return 1;
  }
}
