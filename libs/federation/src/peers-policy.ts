import * as fs from 'node:fs';
import { readPolicyYaml } from '@helixgate/common';
import { checkPeerDefinition, type PeerDefinition, type PeerField } from './peer-definition';

/** YAML keys of one peer entry (snake_case, as the other policy files) and the definition field each fills. */
const YAML_KEYS: Record<string, PeerField> = {
  id: 'id',
  base_url: 'baseUrl',
  kind: 'kind',
  status: 'status',
  issuer: 'issuer',
  key_thumbprints: 'keyThumbprints',
  certificate_sha256: 'certificateSha256',
  jwks: 'jwks',
  timeout_ms: 'timeoutMs',
  insecure: 'insecure',
  reference_names: 'referenceNames',
  counts: 'counts',
};
const FIELD_TO_KEY = Object.fromEntries(Object.entries(YAML_KEYS).map(([k, f]) => [f, k])) as Record<
  PeerField,
  string
>;

/**
 * Reads `policies/peers.yaml` (absent: no peers). Every problem names the file and line of the offending
 * value, so a broken file stops the node with a message an operator can act on. The walk is hand-written
 * (as for trusted-issuers.yaml) because it gives each problem its YAML line, which a schema validator does not.
 */
export function loadPeersPolicy(file: string): PeerDefinition[] {
  if (!fs.existsSync(file)) return [];
  const { root, fail } = readPolicyYaml(file);
  if (root === null || root === undefined) return [];
  if (typeof root !== 'object' || Array.isArray(root))
    return fail([], 'must be a mapping with a `peers` list');
  for (const key of Object.keys(root)) if (key !== 'peers') fail([key], 'unknown key (expected peers)');
  const list = (root as { peers?: unknown }).peers ?? [];
  if (!Array.isArray(list)) return fail(['peers'], 'must be a list');
  const seen = new Set<string>();
  return list.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail(['peers', i], 'must be a mapping');
    const raw: Partial<Record<PeerField, unknown>> = {};
    for (const [key, value] of Object.entries(entry)) {
      const field = YAML_KEYS[key];
      if (!field)
        fail(['peers', i, key], `unknown key (expected one of ${Object.keys(YAML_KEYS).join(', ')})`);
      raw[field] = value;
    }
    const def = checkPeerDefinition(raw, (field, problem) =>
      fail(
        ['peers', i, ...(raw[field] === undefined ? [] : [FIELD_TO_KEY[field]])],
        `${FIELD_TO_KEY[field]} ${problem}`,
      ),
    );
    if (seen.has(def.id)) fail(['peers', i, 'id'], `duplicate peer id ${def.id}`);
    seen.add(def.id);
    return def;
  });
}
