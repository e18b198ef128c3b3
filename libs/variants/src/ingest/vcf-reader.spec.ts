import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { bgzfEofMarker, VcfFormatError, VcfReader } from './vcf-reader';

const CHR20 = path.join(__dirname, '../../../../test/fixtures/vcf/1kgp3_chr20_1-4Mb_300s.vcf.gz');

/** Offsets where the BGZF blocks of `data` end (BSIZE, bytes 16-17 of each block header, is size - 1). */
function blockEnds(data: Buffer): number[] {
  const ends: number[] = [];
  for (let off = 0; off < data.length;) {
    off += data.readUInt16LE(off + 16) + 1;
    ends.push(off);
  }
  return ends;
}

async function countRecords(file: string): Promise<number> {
  const reader = await VcfReader.open(file);
  let n = 0;
  try {
    for await (const _ of reader.dataLines()) n++;
  } finally {
    reader.close();
  }
  return n;
}

describe('VcfReader: BGZF end-of-file marker', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helixgate-bgzf-'));
  const data = fs.readFileSync(CHR20);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('refuses a BGZF file truncated exactly at a block boundary (it would decompress cleanly)', async () => {
    const ends = blockEnds(data);
    const cut = ends[Math.floor(ends.length / 2)];
    const file = path.join(tmp, 'cut.vcf.gz');
    fs.writeFileSync(file, data.subarray(0, cut));
    // the premise: what is left is valid multi-member gzip, so only the marker reveals the loss
    expect(() => zlib.gunzipSync(data.subarray(0, cut))).not.toThrow();
    expect(await bgzfEofMarker(file)).toBe('missing');
    const err = await VcfReader.open(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(VcfFormatError);
    expect((err as VcfFormatError).message).toBe('truncated (no BGZF end-of-file marker)');
    expect((err as VcfFormatError).lineNo).toBeUndefined();
  });

  it('refuses a BGZF file whose end-of-file block alone was cut off', async () => {
    const file = path.join(tmp, 'no-eof.vcf.gz');
    fs.writeFileSync(file, data.subarray(0, data.length - 28));
    await expect(VcfReader.open(file)).rejects.toThrow('truncated (no BGZF end-of-file marker)');
  });

  it('reads an intact BGZF file to the end', async () => {
    expect(await bgzfEofMarker(CHR20)).toBe('present');
    expect(await countRecords(CHR20)).toBe(24_990);
  });

  it('leaves plain gzip and uncompressed files as they were (no marker to check)', async () => {
    const text = zlib.gunzipSync(data).toString('utf8').split('\n').slice(0, 300).join('\n') + '\n';
    const gz = path.join(tmp, 'plain.vcf.gz');
    fs.writeFileSync(gz, zlib.gzipSync(text));
    const plain = path.join(tmp, 'plain.vcf');
    fs.writeFileSync(plain, text);
    expect(await bgzfEofMarker(gz)).toBe('not-bgzf');
    expect(await bgzfEofMarker(plain)).toBe('not-bgzf');
    const expected = text.split('\n').filter((l) => l && !l.startsWith('#')).length;
    expect(await countRecords(gz)).toBe(expected);
    expect(await countRecords(plain)).toBe(expected);
  });
});
