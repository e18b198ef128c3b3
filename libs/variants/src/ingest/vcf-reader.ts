import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import VCFParser from '@gmod/vcf';

/** A data line of the VCF with its 1-based line number in the (decompressed) file. */
export interface VcfLine {
  text: string;
  lineNo: number;
}

/** A `##contig=<ID=...,length=...,assembly=...>` header line. */
export interface VcfContigHeader {
  id: string;
  length: number | null;
  assembly: string | null;
  lineNo: number;
}

export class VcfFormatError extends Error {
  constructor(
    readonly lineNo: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Output buffer of the gunzip stream (see `splitLines`). */
const GUNZIP_CHUNK_BYTES = 1 << 20;

/** The 28-byte empty block that ends every BGZF file (SAM/BAM specification, section 4.1.2). */
export const BGZF_EOF = Buffer.from('1f8b08040000000000ff0600424302001b0003000000000000000000', 'hex');

/**
 * Whether a file is BGZF and, if so, whether it ends with the end-of-file marker. BGZF is recognised by its
 * first block's header: gzip with FEXTRA and a `BC` extra subfield. Plain gzip and uncompressed files
 * answer 'not-bgzf' (plain gzip has no such marker; its own CRC and length trailer catch truncation).
 */
export async function bgzfEofMarker(filePath: string): Promise<'present' | 'missing' | 'not-bgzf'> {
  const fd = await fs.promises.open(filePath, 'r');
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await fd.read(head, 0, 16, 0);
    const isBgzf =
      bytesRead === 16 &&
      head[0] === 0x1f &&
      head[1] === 0x8b &&
      head[2] === 8 &&
      (head[3] & 0x04) !== 0 &&
      head[12] === 0x42 && // 'B'
      head[13] === 0x43; // 'C'
    if (!isBgzf) return 'not-bgzf';
    const { size } = await fd.stat();
    if (size < BGZF_EOF.length) return 'missing';
    const tail = Buffer.alloc(BGZF_EOF.length);
    await fd.read(tail, 0, tail.length, size - tail.length);
    return tail.equals(BGZF_EOF) ? 'present' : 'missing';
  } finally {
    await fd.close();
  }
}

/**
 * Streams a VCF (plain, gzip or BGZF — BGZF is multi-member gzip, which node's gunzip reads through)
 * line by line with bounded memory: `for await` over the stream pulls a chunk only when the consumer asks
 * for the next line, so the file is never buffered whole and a slow database applies backpressure.
 *
 * The line splitter is hand-written (a dozen lines) because `readline`'s async iterator keeps reading
 * ahead while lines are queued and offers no line numbers.
 */
export class VcfReader {
  readonly fileName: string;
  readonly totalBytes: number;
  private readonly raw: fs.ReadStream;
  private lines: AsyncGenerator<VcfLine>;
  parser!: VCFParser;
  samples: string[] = [];
  /** Line number of the `#CHROM` header line. */
  headerLineNo = 0;
  /** The `##contig` lines, by ID as written. */
  contigs = new Map<string, VcfContigHeader>();
  /** The `##reference` line, if any. */
  reference: { value: string; lineNo: number } | null = null;

  private constructor(readonly filePath: string) {
    this.fileName = path.basename(filePath);
    this.totalBytes = fs.statSync(filePath).size;
    this.raw = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
    this.lines = this.splitLines();
  }

  /** Compressed bytes read so far (for a progress bar). */
  get bytesRead(): number {
    return this.raw.bytesRead;
  }

  static async open(filePath: string): Promise<VcfReader> {
    if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
      throw new VcfFormatError(undefined, 'file not found');
    }
    if ((await bgzfEofMarker(filePath)) === 'missing') {
      // A BGZF file cut at a block boundary decompresses cleanly up to the cut: only the end-of-file marker
      // tells that blocks are missing (htslib's bgzf_check_EOF). Refused before anything is read.
      throw new VcfFormatError(undefined, 'truncated (no BGZF end-of-file marker)');
    }
    const reader = new VcfReader(filePath);
    await reader.readHeader();
    return reader;
  }

  close(): void {
    this.raw.destroy();
  }

  private async isGzip(): Promise<boolean> {
    const fd = await fs.promises.open(this.filePath, 'r');
    try {
      const buf = Buffer.alloc(2);
      const { bytesRead } = await fd.read(buf, 0, 2, 0);
      return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
    } finally {
      await fd.close();
    }
  }

  private async *splitLines(): AsyncGenerator<VcfLine> {
    const gz = await this.isGzip();
    // 1 MiB of output per inflate call: with zlib's default 16 KiB every call is a round trip to the thread
    // pool, and on the chr20 fixture (32 MB of text) that cost 3x the CPU and wall time of the inflate itself.
    const source: NodeJS.ReadableStream = gz
      ? this.raw.pipe(zlib.createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }))
      : this.raw;
    if (gz) this.raw.on('error', (e) => (source as zlib.Gunzip).destroy(e));
    source.setEncoding('utf8');
    let rest = '';
    let lineNo = 0;
    try {
      for await (const chunk of source) {
        const text = rest + (chunk as string);
        let start = 0;
        for (;;) {
          const nl = text.indexOf('\n', start);
          if (nl === -1) break;
          lineNo++;
          yield { text: text.slice(start, nl), lineNo };
          start = nl + 1;
        }
        rest = text.slice(start);
      }
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('Z_')) {
        throw new VcfFormatError(lineNo + 1, 'corrupt or truncated gzip/BGZF data');
      }
      throw err;
    }
    if (rest.length > 0) {
      lineNo++;
      yield { text: rest, lineNo };
    }
  }

  private async readHeader(): Promise<void> {
    const header: string[] = [];
    for (;;) {
      const next = await this.lines.next();
      if (next.done) throw new VcfFormatError(undefined, 'no #CHROM header line');
      const { text, lineNo } = next.value;
      const line = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (lineNo === 1 && !line.startsWith('##fileformat=VCF')) {
        throw new VcfFormatError(1, 'not a VCF: the first line must be ##fileformat=VCF...');
      }
      header.push(line);
      if (line.startsWith('##contig=<')) this.readContig(line, lineNo);
      else if (line.startsWith('##reference=')) {
        this.reference = { value: line.slice('##reference='.length), lineNo };
      }
      if (line.startsWith('#CHROM')) {
        const cols = line.split('\t');
        if (cols.length < 8 || cols[0] !== '#CHROM' || cols[1] !== 'POS' || cols[4] !== 'ALT') {
          throw new VcfFormatError(lineNo, 'malformed #CHROM header line');
        }
        if (cols.length === 9 || (cols.length > 9 && cols[8] !== 'FORMAT')) {
          throw new VcfFormatError(lineNo, 'sample columns need a FORMAT column');
        }
        const samples = cols.slice(9);
        if (new Set(samples).size !== samples.length) {
          throw new VcfFormatError(lineNo, 'duplicate sample names in the header');
        }
        if (samples.some((s) => s.length === 0)) {
          throw new VcfFormatError(lineNo, 'empty sample name in the header');
        }
        this.headerLineNo = lineNo;
        this.samples = samples;
        this.parser = new VCFParser({ header: header.join('\n'), strict: false });
        return;
      }
      if (!line.startsWith('##')) throw new VcfFormatError(lineNo, 'header line must start with ##');
    }
  }

  private readContig(line: string, lineNo: number): void {
    const fields = new Map<string, string>();
    for (const m of line.slice('##contig=<'.length, -1).matchAll(/(?:^|,)([A-Za-z_]+)=("[^"]*"|[^,]*)/g)) {
      fields.set(m[1], m[2].replace(/^"|"$/g, ''));
    }
    const id = fields.get('ID');
    if (!id) throw new VcfFormatError(lineNo, '##contig: no ID');
    const rawLength = fields.get('length');
    if (rawLength !== undefined && !/^\d{1,10}$/.test(rawLength)) {
      throw new VcfFormatError(
        lineNo,
        `##contig: length "${rawLength.slice(0, 20)}" of ${id} is not a number`,
      );
    }
    if (this.contigs.has(id)) throw new VcfFormatError(lineNo, `##contig: ${id} is declared twice`);
    this.contigs.set(id, {
      id,
      length: rawLength === undefined ? null : Number(rawLength),
      assembly: fields.get('assembly') ?? null,
      lineNo,
    });
  }

  /** The data lines after the header (empty lines skipped). */
  async *dataLines(): AsyncGenerator<VcfLine> {
    for (;;) {
      const next = await this.lines.next();
      if (next.done) return;
      const v = next.value;
      if (v.text.length === 0 || v.text === '\r') continue;
      yield v;
    }
  }
}
