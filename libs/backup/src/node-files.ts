import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HelixgateConfig } from '@helixgate/config';

/**
 * The node's own files a restore needs beside the database, by their name in a backup: the federation and
 * token signing keys, the identity key and certificate, the audit checkpoint key (restored checkpoints are
 * verified with it), and the policies in force.
 */
export function nodeFiles(
  config: HelixgateConfig,
): { rel: string; abs: string; kind: 'node-key' | 'policy' }[] {
  const dataDir = config.dataDir;
  const files: { rel: string; abs: string; kind: 'node-key' | 'policy' }[] = [
    { rel: 'node/node-keys.json', abs: path.join(dataDir, 'node-keys.json'), kind: 'node-key' },
    { rel: 'node/node-identity-key.pem', abs: path.join(dataDir, 'node-identity-key.pem'), kind: 'node-key' },
    { rel: 'node/node-certificate.pem', abs: path.join(dataDir, 'node-certificate.pem'), kind: 'node-key' },
    {
      rel: 'node/audit-signing-key.json',
      abs: config.vars.HELIXGATE_AUDIT_SIGNING_KEY_FILE ?? path.join(dataDir, 'audit-signing-key.json'),
      kind: 'node-key',
    },
  ];
  const policies = config.policiesDir;
  if (fs.existsSync(policies)) {
    for (const f of fs.readdirSync(policies).sort()) {
      if (/\.ya?ml$/.test(f))
        files.push({ rel: `policies/${f}`, abs: path.join(policies, f), kind: 'policy' });
    }
  }
  return files;
}
