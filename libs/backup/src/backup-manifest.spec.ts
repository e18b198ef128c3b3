import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BackupError } from './backup-error';
import {
  describePart,
  MANIFEST_FORMAT,
  readVerifiedBackup,
  writeManifest,
  type BackupManifest,
} from './backup-manifest';
import { installKeysFromBackup, type KeyRingFile } from './key-ring-file';

async function backupWith(files: Record<string, string>): Promise<{ dir: string; manifest: BackupManifest }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-manifest-'));
  const parts = [];
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
    parts.push(await describePart(dir, rel, rel.startsWith('database') ? 'database' : 'policy'));
  }
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    id: 'b1',
    createdAt: new Date().toISOString(),
    nodeId: 'n',
    createdBy: 'local:test',
    database: {
      kind: 'postgres',
      method: 'pg_dump',
      serverVersion: '15',
      migrations: 1,
      schemaVersion: 'X1764730000000',
      counts: {},
      lastAuditSeq: null,
    },
    masterKeyIds: [],
    keysIncluded: false,
    parts,
  };
  writeManifest(dir, manifest);
  return { dir, manifest };
}

const problemOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof BackupError ? `${e.problem} ${e.exitCode}` : String(e)),
  );

describe('backup manifest checks', () => {
  it('accepts a backup whose parts match', async () => {
    const { dir, manifest } = await backupWith({ 'database.dump': 'rows', 'policies/roles.yaml': 'r' });
    expect((await readVerifiedBackup(dir)).manifest).toEqual(manifest);
  });

  it('refuses a part with one byte changed, naming it (exit 65)', async () => {
    const { dir } = await backupWith({ 'database.dump': 'rows', 'policies/roles.yaml': 'r' });
    fs.writeFileSync(path.join(dir, 'policies/roles.yaml'), 's');
    await expect(readVerifiedBackup(dir)).rejects.toThrow(/part policies\/roles.yaml does not match/);
    expect(await problemOf(readVerifiedBackup(dir))).toBe('BACKUP_TAMPERED 65');
  });

  it('refuses a part that was removed, and a manifest naming a file outside the backup', async () => {
    const { dir, manifest } = await backupWith({ 'database.dump': 'rows', 'policies/roles.yaml': 'r' });
    fs.rmSync(path.join(dir, 'policies/roles.yaml'));
    expect(await problemOf(readVerifiedBackup(dir))).toBe('BACKUP_INVALID 65');

    const outside = await backupWith({ 'database.dump': 'rows' });
    fs.writeFileSync(path.join(path.dirname(outside.dir), 'elsewhere.txt'), 'x');
    manifest.parts = [...outside.manifest.parts, { ...outside.manifest.parts[0], path: '../elsewhere.txt' }];
    writeManifest(outside.dir, manifest);
    await expect(readVerifiedBackup(outside.dir)).rejects.toThrow(/lies outside the backup/);
  });

  it('refuses a directory without a manifest, or a manifest of another format', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-manifest-'));
    expect(await problemOf(readVerifiedBackup(empty))).toBe('BACKUP_INVALID 65');
    fs.writeFileSync(path.join(empty, 'manifest.json'), JSON.stringify({ format: 'other', parts: [] }));
    expect(await problemOf(readVerifiedBackup(empty))).toBe('BACKUP_INVALID 65');
  });
});

describe('master keys carried by a backup', () => {
  const ring = (current: string, ids: string[]): KeyRingFile => ({
    format: 'helixgate-master-keys/v1',
    current,
    keys: Object.fromEntries(
      ids.map((id) => [id, { key: Buffer.alloc(32, id).toString('base64'), createdAt: '' }]),
    ),
  });

  it('adds only the keys the node lacks, keeps its current key and never replaces one (0600)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-ring-'));
    const file = path.join(dir, 'master-keys.json');
    const own = ring('mk-new', ['mk-new', 'mk-shared']);
    fs.writeFileSync(file, JSON.stringify(own), { mode: 0o600 });
    const carried = ring('mk-old', ['mk-old', 'mk-shared']);
    carried.keys['mk-shared'].key = Buffer.alloc(32, 9).toString('base64'); // a different key under a known id

    expect(installKeysFromBackup(file, carried, ['mk-old', 'mk-shared'])).toEqual(['mk-old']);
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyRingFile;
    expect(after.current).toBe('mk-new');
    expect(after.keys['mk-shared']).toEqual(own.keys['mk-shared']);
    expect(after.keys['mk-old']).toEqual(carried.keys['mk-old']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("writes the backup's ring on a node that has none", () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-ring-')),
      'keys',
      'master-keys.json',
    );
    const carried = ring('mk-old', ['mk-old']);
    expect(installKeysFromBackup(file, carried, ['mk-old'])).toEqual(['mk-old']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(carried);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
