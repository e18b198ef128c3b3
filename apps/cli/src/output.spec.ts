import { type Column, formatTable, tableRecords } from './output';

interface Row {
  id: string;
  count: number;
  tags: string[];
  note: string | null;
}

const COLUMNS: Column<Row>[] = [
  { header: 'ID', key: 'id', value: (r) => r.id },
  { header: 'COUNT', key: 'count', value: (r) => r.count, text: (r) => `${r.count} items` },
  { header: 'TAGS', key: 'tags', value: (r) => r.tags },
  { header: 'NOTE', key: 'note', value: (r) => r.note, inTable: false },
];

describe('CLI output', () => {
  const rows: Row[] = [
    { id: 'a', count: 2, tags: ['x', 'y'], note: null },
    { id: 'b', count: 0, tags: [], note: 'n' },
  ];

  it('writes a header line, then tab-separated rows (null as -, arrays joined with commas)', () => {
    expect(formatTable(rows, COLUMNS)).toBe('ID\tCOUNT\tTAGS\na\t2 items\tx,y\nb\t0 items\t\n');
    expect(formatTable([], COLUMNS)).toBe('ID\tCOUNT\tTAGS\n');
  });

  it('gives --json the raw values under the columns keys, json-only columns included', () => {
    expect(tableRecords(rows, COLUMNS)).toEqual([
      { id: 'a', count: 2, tags: ['x', 'y'], note: null },
      { id: 'b', count: 0, tags: [], note: 'n' },
    ]);
  });
});
