import { holdTime, nextHold, waitFor } from './latency-equalizer';

const timing = { bucketMs: 50, quantile: 0.99, window: 500, maxMs: 250 };

describe('latency equalizer', () => {
  it('holds to one bucket while the work fits in it', () => {
    expect(holdTime(timing, [])).toBe(50);
    expect(
      holdTime(
        timing,
        Array.from({ length: 200 }, (_, i) => 5 + (i % 30)),
      ),
    ).toBe(50);
  });

  it('grows the hold time to whole buckets past the quantile of recent work when the machine is loaded', () => {
    // 99 of 100 answers take 40-79 ms: the 99th percentile is ~79 ms, held to 100 ms; one outlier of 400 ms
    // is above the quantile and does not move it.
    const work = [...Array.from({ length: 99 }, (_, i) => 40 + (i % 40)), 400];
    expect(holdTime(timing, work)).toBe(100);
    expect(holdTime({ ...timing, quantile: 0 }, work)).toBe(50);
  });

  it('releases at the first multiple of the hold time after the work, never at once', () => {
    expect(waitFor(12, 50)).toBe(38);
    expect(waitFor(0, 50)).toBe(50);
    expect(waitFor(50, 50)).toBe(0);
    expect(waitFor(120, 100)).toBe(80);
    expect(waitFor(30, 0)).toBe(0);
  });

  it('gives absent and present alleles the same release time when their work differs by a few ms', () => {
    const hold = holdTime(
      timing,
      Array.from({ length: 500 }, (_, i) => 20 + (i % 25)),
    );
    for (const [absent, present] of [
      [18, 27],
      [33, 41],
      [44, 49],
    ]) {
      expect(absent + waitFor(absent, hold)).toBe(present + waitFor(present, hold));
    }
  });

  it('keeps the hold time sticky: up at once, down one bucket after a full window under the lower level', () => {
    const p = { bucketMs: 50, quantile: 0.99, window: 3, maxMs: 250 };
    let h = nextHold(50, 150, 0, p);
    expect(h).toEqual({ hold: 150, since: 0 });
    for (let i = 0; i < 3; i++) {
      h = nextHold(h.hold, 50, h.since, p);
      expect(h.hold).toBe(150);
    }
    h = nextHold(h.hold, 50, h.since, p);
    expect(h).toEqual({ hold: 100, since: 0 });
    expect(nextHold(100, 100, 7, p)).toEqual({ hold: 100, since: 8 });
  });

  it('never holds longer than timing.maxMs, however slow the outliers', () => {
    const work = Array.from({ length: 100 }, (_, i) => (i < 90 ? 30 : 2000));
    expect(holdTime(timing, work)).toBe(250);
    expect(holdTime({ ...timing, maxMs: 120 }, work)).toBe(100);
    expect(holdTime({ ...timing, maxMs: 10 }, work)).toBe(50);
  });
});
