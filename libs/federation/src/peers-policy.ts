import * as fs from 'node:fs';
import { PolicyFileError } from '@helixgate/identity';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new PolicyFileError(file, lineCounter.linePos(e.pos[0]).line, e.message.split('\n')[0]);
  }
  const fail = (path: (string | number)[], problem: string): never => {
    throw new PolicyFileError(
      file,
      lineOf(doc, lineCounter, path),
      `${path.join('.') || '(root)'}: ${problem}`,
    );
  };
  const root: unknown = doc.toJS();
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

function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return null;
}
