import { Progress, withProgress, type ProgressStream } from './progress';

function stream(isTTY: boolean): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return {
    isTTY,
    out,
    write(chunk: string) {
      out.push(chunk);
      return true;
    },
  };
}

const ANSI = /\u001b\[/;

describe('Progress', () => {
  it('writes plain lines, one per tenth of the work, when the stream is not a terminal', () => {
    const s = stream(false);
    const p = new Progress('withdraw', 'variant rows', s);
    for (let done = 0; done <= 1_000_000; done += 5_000) p.update(done, 1_000_000);
    p.stop();
    expect(s.out).toEqual([
      'withdraw: 0% (0/1,000,000 variant rows)\n',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(
        (t) => `withdraw: ${t * 10}% (${(t * 100_000).toLocaleString('en-US')}/1,000,000 variant rows)\n`,
      ),
      'withdraw: 100% (1,000,000/1,000,000 variant rows)\n',
    ]);
    expect(s.out.join('')).not.toMatch(ANSI);
  });

  it('says 100% once for empty work and shows fractional units with one decimal', () => {
    const s = stream(false);
    const p = new Progress('ingest', 'MiB', s);
    p.update(0, 0);
    p.update(0, 0);
    expect(s.out).toEqual(['ingest: 100% (0/0 MiB)\n']);
    const t = stream(false);
    new Progress('ingest', 'MiB', t).update(12.5, 40.2);
    expect(t.out).toEqual(['ingest: 30% (12.5/40.2 MiB)\n']);
  });

  it('draws a bar with terminal codes on a terminal', () => {
    const s = stream(true);
    const p = new Progress('verify', 'events', s);
    p.update(0, 100);
    p.update(100, 100);
    p.stop();
    expect(s.out.join('')).toMatch(ANSI);
    expect(s.out.join('')).toContain('verify [');
  });

  it('stops the display when the work fails', async () => {
    const s = stream(false);
    await expect(
      withProgress(
        'export',
        'events',
        async (update) => {
          update(1, 10);
          throw new Error('disk full');
        },
        s,
      ),
    ).rejects.toThrow('disk full');
    expect(s.out).toEqual(['export: 10% (1/10 events)\n']);
  });
});
