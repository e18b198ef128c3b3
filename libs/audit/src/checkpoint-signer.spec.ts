import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileCheckpointSigner } from './checkpoint-signer';

describe('FileCheckpointSigner', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-signer-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates its ES256 key file with mode 0600 and reuses it (same kid) when reopened', async () => {
    const file = path.join(dir, 'audit-signing-key.json');
    const a = await FileCheckpointSigner.open(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const b = await FileCheckpointSigner.open(file);
    expect(b.kid).toBe(a.kid);
    const jws = await a.sign({ upToSeq: 7, headHash: 'ab', count: 7 });
    await expect(b.verify(jws)).resolves.toEqual({ upToSeq: 7, headHash: 'ab', count: 7 });
  });

  it("refuses another key's signature and an altered payload", async () => {
    const ours = await FileCheckpointSigner.open(path.join(dir, 'ours.json'));
    const theirs = await FileCheckpointSigner.open(path.join(dir, 'theirs.json'));
    await expect(ours.verify(await theirs.sign({ upToSeq: 1 }))).rejects.toThrow();
    const [h, , s] = (await ours.sign({ upToSeq: 1 })).split('.');
    const forged = Buffer.from(JSON.stringify({ upToSeq: 2 })).toString('base64url');
    await expect(ours.verify(`${h}.${forged}.${s}`)).rejects.toThrow();
  });
});
