/**
 * Canonical JSON (RFC 8785, JCS) for the values an audit event holds: strings, finite numbers, booleans,
 * null, arrays and plain objects, object keys sorted by UTF-16 code units, no whitespace. Numbers and
 * strings are serialised by JSON.stringify, which is what JCS prescribes for them.
 *
 * Hand-written (about 20 lines) because the maintained packages (`canonicalize` 2+, `json-canonicalize` 2+)
 * are ESM-only and this function is on the verification hot path (>= 100k events/s).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`canonical JSON: unsupported ${typeof value}`);
}
