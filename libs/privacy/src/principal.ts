import type { Caller } from '@helixgate/common';
import type { CollusionMode } from './privacy-policy';

/** The one principal every anonymous caller shares: they cannot be told apart, so they share a budget. */
export const ANONYMOUS_PRINCIPAL = 'anonymous';

/**
 * The account-level principal a caller's budgets are kept under: `sub:<iss>#<sub>` of the verified token; when the caller holds a LinkedIdentities visa, the smallest (lexicographically) of
 * its own identity and the linked ones, so that every account of a linked group maps to the same principal
 * (as long as each account's visa lists the others, which a LinkedIdentities broker asserts).
 * GA4GH LinkedIdentities value: `sub,iss;sub,iss` with URL-encoded parts.
 */
export function principalOf(caller: Pick<Caller, 'subject' | 'issuer' | 'visas'>): string {
  if (caller.subject === null) return ANONYMOUS_PRINCIPAL;
  const identities = [`${caller.issuer ?? ''}#${caller.subject}`];
  for (const visa of caller.visas) {
    if (visa.type !== 'LinkedIdentities') continue;
    for (const pair of visa.value.split(';')) {
      const [sub, iss] = pair.split(',').map((s) => decodeURIComponent(s.trim()));
      if (sub && iss) identities.push(`${iss}#${sub}`);
    }
  }
  identities.sort();
  return `sub:${identities[0]}`;
}

/**
 * The principal a dataset's budgets are charged to: in `institution` collusion mode, the caller's
 * institution when it has one (all of its accounts share one budget); otherwise the account principal.
 */
export function budgetPrincipal(principal: string, institution: string | null, mode: CollusionMode): string {
  switch (mode) {
    case 'institution':
      return institution ? `institution:${institution}` : principal;
    case 'account':
      return principal;
    default: {
      const unknown: never = mode;
      throw new Error(`unknown collusion mode ${String(unknown)}`);
    }
  }
}
