import {
  BREAK,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  isInterfaceType,
  isObjectType,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Variables = Record<string, unknown> | undefined;

function included(node: FieldNode | FragmentSpreadNode | InlineFragmentNode, variables: Variables): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

/**
 * The root fields an operation will execute, response key (alias, else name) → field name: one entry per
 * resolver call, fragments expanded, identically keyed fields merged as GraphQL merges them, @skip and
 * @include honoured. graphql-js does not export its `collectFields`; this is its root-level part, with
 * each fragment walked once (a fragment spread twice is merged, not counted twice).
 */
export function rootFields(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables,
): Map<string, string> {
  const fields = new Map<string, string>();
  const walked = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (!included(s, variables)) continue;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        if (!fields.has(key)) fields.set(key, s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else {
        const name = s.name.value;
        if (walked.has(name) || !fragments[name]) continue;
        walked.add(name);
        walk(fragments[name].selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return fields;
}

/** Selections evaluated at most, like graphql-query-complexity's own node budget. */
export const MAX_SELECTIONS = 10_000;

/**
 * How deeply an operation nests its fields (`{ a { b } }` is 2), fragments expanded; walked iteratively
 * and stopped as soon as it passes `maxDepth` or MAX_SELECTIONS selections, so that neither a deep nor an
 * exponentially spreading document costs more than that (graphql-query-complexity recurses once per
 * level and overflows the stack near 1,500 levels).
 */
export function operationDepth(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  maxDepth: number,
): { depth: number; tooMany: boolean } {
  let deepest = 0;
  let visited = 0;
  const stack: [SelectionSetNode, number][] = [[operation.selectionSet, 0]];
  while (stack.length) {
    const [set, depth] = stack.pop()!;
    for (const s of set.selections) {
      if (++visited > MAX_SELECTIONS) return { depth: deepest, tooMany: true };
      if (s.kind === Kind.FIELD) {
        deepest = Math.max(deepest, depth + 1);
        if (deepest > maxDepth) return { depth: deepest, tooMany: false };
        if (s.selectionSet) stack.push([s.selectionSet, depth + 1]);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        stack.push([s.selectionSet, depth]);
      } else if (fragments[s.name.value]) {
        stack.push([fragments[s.name.value].selectionSet, depth]);
      }
    }
  }
  return { depth: deepest, tooMany: false };
}

/**
 * Whether a document's cost can depend on its variables: a directive argument that reads a variable
 * (`@include(if: $x)`, `@skip(if: $x)`, or any other directive's). Field arguments do not count: no field of
 * the schema declares a `complexity` extension that reads them (`schemaCostReadsArguments` says so).
 */
export function directivesReadVariables(document: DocumentNode): boolean {
  let reads = false;
  visit(document, {
    Directive(node) {
      visit(node, {
        Variable() {
          reads = true;
          return BREAK;
        },
      });
      return reads ? BREAK : undefined;
    },
  });
  return reads;
}

/** Whether any field of the schema declares a `complexity` extension computed from its arguments. */
export function schemaCostReadsArguments(schema: GraphQLSchema): boolean {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields()))
      if (typeof field.extensions?.complexity === 'function') return true;
  }
  return false;
}
