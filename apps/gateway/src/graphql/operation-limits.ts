import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type FieldNode,
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
