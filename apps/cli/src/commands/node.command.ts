import type { Command } from 'commander';
import { NodeIdentityService, type NodeIdentity } from '@helixgate/federation';
import * as fs from 'node:fs';
import { CliError, withApp, withOperation } from '../cli-context';
import { type JsonValue, type OutputOptions, printJson, withJsonOption } from '../output';

function printIdentity(id: NodeIdentity): void {
  const lines = [
    `node id:            ${id.nodeId}`,
    `issuer:             ${id.issuer}`,
    `jwks:               ${id.jwksUri}`,
    `key thumbprints:    ${id.keyThumbprints.join(' ')} (last one signs)`,
    `certificate sha256: ${id.certificateSha256 ?? '(none)'}`,
  ];
  if (id.certificateSha256 && !id.certificateCoversSigningKey) {
    lines.push('warning: the certificate does not name the current signing key; run node init --renew');
  }
  lines.push(
    '',
    'A peer registers this node with:',
    `  helixgate peers add --id ${id.nodeId} --url ${id.baseUrl} --issuer ${id.issuer} ${id.keyThumbprints.map((t) => `--thumbprint ${t}`).join(' ')}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `node show --json`: the identity's public values (the certificate by its fingerprint, not its PEM). */
function identityJson(id: NodeIdentity): Record<string, JsonValue> {
  return {
    nodeId: id.nodeId,
    name: id.name,
    issuer: id.issuer,
    baseUrl: id.baseUrl,
    jwksUri: id.jwksUri,
    keyThumbprints: [...id.keyThumbprints],
    certificateSha256: id.certificateSha256,
    certificateCoversSigningKey: id.certificateCoversSigningKey,
  };
}

/** What the audit trail records of the node's identity: public identifiers only. */
function identityDetail(id: NodeIdentity): Record<string, unknown> {
  return {
    nodeId: id.nodeId,
    nodeIssuer: id.issuer,
    thumbprints: id.keyThumbprints,
    certificateSha256: id.certificateSha256,
  };
}

/** `helixgate node`: this node's identity for federation. */
export function registerNodeCommands(program: Command): void {
  const node = program
    .command('node')
    .description("this node's identity: signing key, X.509 certificate, pins for peers");
  node
    .command('init')
    .description(
      'ensure the ES256 signing key and an RSA identity key; write a self-signed certificate binding the signing keys (or a CSR with --csr)',
    )
    .option(
      '--csr <file>',
      'write a certificate signing request for an institution CA instead of self-signing',
    )
    .option('--renew', 'replace the existing certificate (after a signing-key rotation)')
    .option('--organization <name>', 'organisation (O) of the subject; default HELIXGATE_NODE_NAME')
    .option('--days <n>', 'validity of a self-signed certificate', (v) => Number(v), 365)
    .action((opts: { csr?: string; renew?: boolean; organization?: string; days: number }) =>
      withOperation('node init', async ({ app, audit }) => {
        const id = await app.get(NodeIdentityService).init({
          csrOut: opts.csr,
          renew: opts.renew,
          organization: opts.organization,
          days: opts.days,
        });
        audit.annotate({ detail: identityDetail(id) });
        if (opts.csr)
          process.stdout.write(
            `wrote CSR to ${opts.csr}; install the CA's answer with: helixgate node import-cert <file>\n`,
          );
        printIdentity(id);
      }),
    );
  node
    .command('import-cert')
    .description(
      'install a CA-issued certificate for this node (it must match the identity key and name the signing key)',
    )
    .argument('<file>', 'PEM certificate')
    .action((file: string) =>
      withOperation('node import-cert', async ({ app, audit }) => {
        if (!fs.existsSync(file)) throw new CliError(`no such file ${file}`);
        let id: NodeIdentity;
        try {
          id = await app.get(NodeIdentityService).importCertificate(fs.readFileSync(file, 'utf8'));
        } catch (err) {
          throw new CliError(err instanceof Error ? err.message : String(err));
        }
        audit.annotate({ detail: identityDetail(id) });
        printIdentity(id);
      }),
    );
  withJsonOption(node.command('show'))
    .description("print this node's identity and the command a peer registers it with")
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        const id = await app.get(NodeIdentityService).identity();
        if (opts.json) printJson(identityJson(id));
        else printIdentity(id);
      }),
    );
}
