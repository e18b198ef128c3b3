import type { Command } from 'commander';

/** A value `--json` prints as is. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One column of a table: its header, its camelCase key in `--json` output, its value and how a cell shows it. */
export interface Column<T> {
  header: string;
  key: string;
  value: (row: T) => JsonValue;
  /** The cell text; by default the value (`-` for null, arrays joined with commas). */
  text?: (row: T) => string;
  /** false: only in `--json` (another column's text already shows it, e.g. the reason beside the outcome). */
  inTable?: false;
}

export interface OutputOptions {
  json?: boolean;
}

/** Adds `--json` to a command that prints data. */
export function withJsonOption(command: Command): Command {
  return command.option('--json', 'print JSON instead of text (an array of objects for a list)');
}

function cell(value: JsonValue): string {
  if (value === null) return '-';
  if (Array.isArray(value)) return value.map(cell).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The rows as objects keyed by the columns' keys: what `--json` prints, the same fields as the table. */
export function tableRecords<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
): Record<string, JsonValue>[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)])));
}

/** The table as text: a header line, then one tab-separated line per row. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const shown = columns.filter((c) => c.inTable !== false);
  const lines = [
    shown.map((c) => c.header).join('\t'),
    ...rows.map((row) => shown.map((c) => (c.text ? c.text(row) : cell(c.value(row)))).join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Prints rows as a table with a header line, or with `--json` as a JSON array of objects. */
export function printTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: OutputOptions,
): void {
  process.stdout.write(
    options.json ? printJsonText(tableRecords(rows, columns)) : formatTable(rows, columns),
  );
}

/** Prints one JSON value (`--json` output of a command that prints one object). */
export function printJson(value: JsonValue | object): void {
  process.stdout.write(printJsonText(value));
}

function printJsonText(value: JsonValue | object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
