import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@helixgate/common';

/**
 * Refuses a NUL character (U+0000) anywhere in a REST path parameter, query parameter or body, or in a
 * GraphQL argument (literal or variable), before the handler runs. No text Helixgate keeps may contain
 * one, and PostgreSQL refuses it in `text` ("invalid byte sequence"), which surfaced as INTERNAL. Other
 * control characters are valid text and are left to each field's own validation.
 *
 * A global pipe runs inside the audit interceptor, so the refusal is audited once like any other.
 */
@Injectable()
export class NulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value; // the Caller, the request: not caller input
    const root = metadata.data ?? '';
    const where = nulPath(value, root);
    if (where !== null) {
      const what =
        metadata.type === 'param'
          ? 'path parameter'
          : metadata.type === 'query'
            ? 'query parameter'
            : metadata.data !== undefined
              ? 'argument' // GraphQL @Args('name')
              : 'body field';
      throw new DomainError(
        'INVALID_CHARACTERS',
        `${what} ${where.slice(0, 200) || '(body)'} contains a NUL character (U+0000), which is not accepted`,
      );
    }
    return value;
  }
}

/**
 * The path (`query.datasetIds[1]`) of the first string or object key holding a NUL, or null. Iterative:
 * a body nested thousands of levels deep must not overflow the stack.
 */
export function nulPath(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
      continue;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return p.replaceAll('\u0000', '\\0');
      stack.push([child, p]);
    }
  }
  return null;
}
