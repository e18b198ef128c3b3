import { DomainError } from '@helixgate/common';

/**
 * Turns the AST CASL builds from the rules (`rulesToAST`) into a parameterised SQL predicate, so list
 * queries filter in the database instead of fetching rows the caller may not see. Hand-written because CASL
 * has no maintained TypeORM/SQL adapter (@ucast/sql is an alpha); it supports exactly the operators the
 * policy loader accepts ($eq, $ne, $in, $nin) combined with and/or/not.
 */
interface AstNode {
  operator: string;
  field?: string;
  value: unknown;
}

export interface SqlPredicate {
  sql: string;
  params: Record<string, unknown>;
}

export function astToSql(
  ast: AstNode | null,
  columns: Record<string, string>,
  alias: string,
  prefix = 'casl',
): SqlPredicate {
  if (ast === null) return { sql: 'FALSE', params: {} };
  const params: Record<string, unknown> = {};
  let n = 0;
  const param = (v: unknown) => {
    const name = `${prefix}${n++}`;
    params[name] = v;
    return name;
  };
  const walk = (node: AstNode): string => {
    switch (node.operator) {
      case 'and': {
        const parts = (node.value as AstNode[]).map(walk);
        return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
      }
      case 'or': {
        const parts = (node.value as AstNode[]).map(walk);
        return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
      }
      case 'not':
        return `(NOT ${walk((node.value as AstNode[])[0])})`;
      default: {
        const column = node.field === undefined ? undefined : columns[node.field];
        if (!column)
          throw new DomainError('INTERNAL', `policy condition on unmapped field ${String(node.field)}`);
        const col = `${alias}.${column}`;
        switch (node.operator) {
          case 'eq':
            return `${col} = :${param(node.value)}`;
          case 'ne':
            return `${col} IS DISTINCT FROM :${param(node.value)}`;
          case 'in': {
            const values = node.value as unknown[];
            return values.length === 0 ? 'FALSE' : `${col} IN (:...${param(values)})`;
          }
          case 'nin': {
            const values = node.value as unknown[];
            return values.length === 0 ? 'TRUE' : `${col} NOT IN (:...${param(values)})`;
          }
          default:
            throw new DomainError('INTERNAL', `policy operator ${node.operator} has no SQL translation`);
        }
      }
    }
  };
  return { sql: walk(ast), params };
}
