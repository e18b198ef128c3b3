/** A stored variant as the window picker sees it: 1-based inclusive [pos, endPos] and its AC. */
export interface WindowRow {
  pos: number;
  endPos: number;
  ac: number;
}

/** A range query's window (Beacon v2: 0-based start, exclusive end) and the rows it matches. */
export interface RecordWindow {
  start: number;
  end: number;
  /** Indexes (into the input) of the rows the window matches, ascending. */
  rows: number[];
}

/**
 * Up to `count` disjoint windows matching exactly `size` rows each (rows sorted by pos), spread evenly over
 * the rows. Rows with AC 0 match no range query (a beacon does not report an allele nobody carries), so they
 * are passed over; of the others, no earlier row may reach into a window (a deletion overlapping its first
 * base) and no later one start at its last position. Overlap as the engine matches a range: [pos, endPos]
 * meets [start + 1, end].
 */
export function recordWindows(rows: readonly WindowRow[], size: number, count: number): RecordWindow[] {
  if (!Number.isInteger(size) || size < 1) throw new Error('size must be a positive integer');
  const carried: number[] = [];
  rows.forEach((r, i) => {
    if (r.ac > 0) carried.push(i);
  });
  const at = (k: number) => rows[carried[k]];
  const n = carried.length;
  // reach[k]: the furthest endPos among the carried rows before the k-th.
  const reach = new Float64Array(n);
  let far = -Infinity;
  for (let k = 0; k < n; k++) {
    reach[k] = far;
    far = Math.max(far, at(k).endPos);
  }
  const valid = (k: number): boolean => {
    const j = k + size - 1;
    return reach[k] < at(k).pos && (j + 1 >= n || at(j + 1).pos > at(j).pos);
  };
  const out: RecordWindow[] = [];
  let from = 0;
  for (let t = 0; t < count; t++) {
    let k = Math.max(from, Math.floor((t * (n - size + 1)) / count));
    while (k + size <= n && !valid(k)) k++;
    if (k + size > n) break;
    const j = k + size - 1;
    out.push({ start: at(k).pos - 1, end: at(j).pos, rows: carried.slice(k, j + 1) });
    from = j + 1;
  }
  return out;
}
