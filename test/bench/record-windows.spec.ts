import { recordWindows, type WindowRow } from '../../bench/record-windows';

const snv = (pos: number, ac = 1): WindowRow => ({ pos, endPos: pos, ac });

/** The rows a range query over [start, end) matches, as the engine matches them (any overlap, AC > 0). */
const matched = (rows: WindowRow[], w: { start: number; end: number }) =>
  rows.filter((r) => r.ac > 0 && r.pos <= w.end && r.endPos >= w.start + 1);
const picked = (rows: WindowRow[], w: { rows: number[] }) => w.rows.map((i) => rows[i]);

describe('recordWindows', () => {
  it('cuts windows of exactly size rows whose range matches those rows and no other', () => {
    const rows = Array.from({ length: 50 }, (_, i) => snv(1000 + 10 * i));
    const windows = recordWindows(rows, 5, 4);
    expect(windows).toHaveLength(4);
    for (const w of windows) {
      expect(w.rows).toHaveLength(5);
      expect(matched(rows, w)).toEqual(picked(rows, w));
    }
  });

  it('spreads the windows over the rows and never lets two share a row', () => {
    const rows = Array.from({ length: 100 }, (_, i) => snv(10 * (i + 1)));
    const windows = recordWindows(rows, 10, 3);
    expect(windows.map((w) => w.rows[0])).toEqual([0, 30, 60]);
    for (let k = 1; k < windows.length; k++)
      expect(windows[k].rows[0]).toBeGreaterThan(windows[k - 1].rows[9]);
  });

  it('skips a start that an earlier deletion reaches into', () => {
    const rows = [snv(100), { pos: 105, endPos: 112, ac: 3 }, snv(110), snv(120), snv(130), snv(140)];
    const windows = recordWindows(rows, 2, 3);
    // A window starting at 110 would also match the deletion at 105-112: the second one starts at 120.
    expect(windows.map((w) => w.rows)).toEqual([
      [0, 1],
      [3, 4],
    ]);
    for (const w of windows) expect(matched(rows, w)).toEqual(picked(rows, w));
  });

  it('does not end a window between two alleles at one position', () => {
    const rows = [snv(100), snv(200), snv(200), snv(300), snv(400)];
    const windows = recordWindows(rows, 2, 2);
    expect(windows.map((w) => w.rows)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    for (const w of windows) expect(matched(rows, w)).toEqual(picked(rows, w));
  });

  it('passes over alleles nobody carries (no range matches them), and returns fewer when the rows run out', () => {
    const rows = [snv(1), snv(2, 0), { pos: 3, endPos: 9, ac: 0 }, snv(4), snv(5, 0), snv(6)];
    const windows = recordWindows(rows, 2, 5);
    // The deletion at 3-9 carries no allele: the window over 1 and 4 matches those two rows alone.
    expect(windows).toEqual([{ start: 0, end: 4, rows: [0, 3] }]);
    expect(matched(rows, windows[0])).toEqual(picked(rows, windows[0]));
    expect(recordWindows([], 2, 3)).toEqual([]);
  });
});
