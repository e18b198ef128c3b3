/** Readable log lines: asked for, or `auto` and stdout is a terminal (never when piped to a log shipper). */
export function prettyLogs(
  format: 'auto' | 'json' | 'pretty',
  isTTY = process.stdout.isTTY === true,
): boolean {
  return format === 'pretty' || (format === 'auto' && isTTY);
}
