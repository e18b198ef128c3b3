#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { DomainError } from '@helixgate/common';
import { CliError } from './cli-context';
import { registerConfigCommands } from './commands/config.command';
import { registerDatasetCommands } from './commands/datasets.command';
import { registerConsentCommands } from './commands/consent.command';
import { registerAuditCommands } from './commands/audit.command';
import { registerDbCommands } from './commands/db.command';
import { registerIngestCommands } from './commands/ingest.command';
import { registerKeyCommands } from './commands/keys.command';
import { registerNodeCommands } from './commands/node.command';
import { registerOntologyCommands } from './commands/ontology.command';
import { registerPanelCommands } from './commands/panel.command';
import { registerParticipantCommands } from './commands/participants.command';
import { registerPeerCommands } from './commands/peers.command';
import { registerSigningKeyCommands } from './commands/signing-keys.command';
import { registerTokenCommands } from './commands/tokens.command';
import { registerUserCommands } from './commands/users.command';

const program = new Command()
  .name('helixgate')
  .description('Helixgate node administration: datasets, ingest, keys, users, audit')
  .showHelpAfterError();

registerConfigCommands(program);
registerDbCommands(program);
registerAuditCommands(program);
registerDatasetCommands(program);
registerConsentCommands(program);
registerOntologyCommands(program);
registerIngestCommands(program);
registerPanelCommands(program);
registerKeyCommands(program);
registerParticipantCommands(program);
registerUserCommands(program);
registerTokenCommands(program);
registerSigningKeyCommands(program);
registerNodeCommands(program);
registerPeerCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CliError) {
    process.stderr.write(`helixgate: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  if (err instanceof DomainError) {
    process.stderr.write(`helixgate: ${err.code}: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`helixgate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
