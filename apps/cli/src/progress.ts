import { Presets, SingleBar } from 'cli-progress';

/** Where progress goes: stderr, so that stdout (and `--json`) carries only the result. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

/**
 * The one progress display of the CLI's long operations (ingest, panel import, participant withdrawal, key
 * rotation, audit verify and export). On a terminal: a cli-progress bar redrawn in place. Anywhere else (a
 * pipe, a file, a CI log): plain lines without ANSI codes, one per tenth of the work and one at the end, so a
 * log shows that a long run is moving without filling up.
 */
export class Progress {
  private bar: SingleBar | undefined;
  private total = 0;
  private lastTenth = -1;
  private finished = false;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  /** `done` of `total` units so far (total may change, e.g. once it is known). */
  update(done: number, total: number): void {
    if (this.finished) return;
    if (this.stream.isTTY) this.draw(done, total);
    else this.line(done, total);
  }

  /** Ends the display (the bar's last frame stays on the terminal); idempotent. */
  stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.bar?.stop();
  }

  private draw(done: number, total: number): void {
    if (!this.bar) {
      this.bar = new SingleBar(
        {
          format: `${this.label} [{bar}] {percentage}% | {value}/{total} ${this.unit} | ETA {eta}s`,
          stream: this.stream as NodeJS.WritableStream,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      this.bar.start(total, done);
      this.total = total;
      return;
    }
    if (total !== this.total) {
      this.bar.setTotal(total);
      this.total = total;
    }
    this.bar.update(done);
  }

  private line(done: number, total: number): void {
    const tenth = total > 0 ? Math.min(10, Math.floor((done / total) * 10)) : 10;
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.label}: ${tenth * 10}% (${fmt(done)}/${fmt(total)} ${this.unit})\n`);
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1);
}

/** Runs `work` with a progress display that is stopped however it ends. */
export async function withProgress<T>(
  label: string,
  unit: string,
  work: (update: (done: number, total: number) => void) => Promise<T>,
  stream: ProgressStream = process.stderr,
): Promise<T> {
  const progress = new Progress(label, unit, stream);
  try {
    return await work((done, total) => progress.update(done, total));
  } finally {
    progress.stop();
  }
}
