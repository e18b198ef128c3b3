import type { DiseaseHierarchy } from './disease-hierarchy';
import type { ConsentModifier, DuoConsent, DuoModifier, DuoPermission } from './duo-codes';
import type { PurposeCategory, ResearchPurpose } from './research-purpose';

export const MATCH_VERDICTS = ['APPROVE', 'NEEDS_REVIEW', 'DENY'] as const;
export type MatchVerdict = (typeof MATCH_VERDICTS)[number];

export interface ConsentMatchReason {
  code: DuoPermission | DuoModifier;
  verdict: MatchVerdict;
  reason: string;
}

export interface ConsentMatch {
  /** DENY if any code denies, else NEEDS_REVIEW if any code needs review, else APPROVE. */
  outcome: MatchVerdict;
  /** The permission's reason first, then one per modifier in code order. */
  reasons: ConsentMatchReason[];
}

interface MatchContext {
  consent: DuoConsent;
  purpose: ResearchPurpose;
  diseases: DiseaseHierarchy;
}

type Verdict = Omit<ConsentMatchReason, 'code'>;
const approve = (reason: string): Verdict => ({ verdict: 'APPROVE', reason });
const deny = (reason: string): Verdict => ({ verdict: 'DENY', reason });
const review = (reason: string): Verdict => ({ verdict: 'NEEDS_REVIEW', reason });

const CATEGORY_TEXT: Record<PurposeCategory, string> = {
  DISEASE_SPECIFIC: 'disease-specific research',
  HEALTH_MEDICAL_BIOMEDICAL: 'health/medical/biomedical research',
  POPULATION_ORIGINS_ANCESTRY: 'population origins or ancestry research',
  METHODS_DEVELOPMENT: 'methods development',
  GENERAL_RESEARCH: 'general research',
};

function named(ctx: MatchContext, id: string): string {
  const label = ctx.diseases.label(id);
  return label ? `${id} (${label})` : id;
}

/**
 * DS coverage, DUOS-style: a purpose disease is covered when it equals, or descends (MONDO is_a) from, one of
 * the consented diseases. A disease outside the shipped MONDO subset cannot be placed, so unless it equals a
 * consented id it is left to a steward.
 */
function diseaseCoverage(ctx: MatchContext): Verdict {
  const consented = ctx.consent.diseases;
  const uncovered: string[] = [];
  const unplaceable: string[] = [];
  const covered: string[] = [];
  for (const d of ctx.purpose.diseases) {
    const by = consented.find((c) => ctx.diseases.isSameOrDescendant(d, c));
    if (by) covered.push(d === by ? `${named(ctx, d)}` : `${named(ctx, d)} is a kind of ${named(ctx, by)}`);
    else if (!ctx.diseases.has(d) || consented.some((c) => !ctx.diseases.has(c))) unplaceable.push(d);
    else uncovered.push(d);
  }
  const consentText = consented.map((c) => named(ctx, c)).join(', ');
  if (uncovered.length)
    return deny(
      `${uncovered.map((d) => named(ctx, d)).join(', ')} is not ${consentText} nor a descendant of it`,
    );
  if (unplaceable.length)
    return review(
      `${unplaceable.join(', ')} cannot be placed against ${consentText} with the shipped MONDO subset; a steward must judge whether it is related`,
    );
  return approve(`disease-specific research within the consented diseases: ${covered.join('; ')}`);
}

interface PermissionRule {
  /** One line for the documentation table. */
  rule: string;
  evaluate(ctx: MatchContext): Verdict;
}

/** What each permission allows, by purpose category (docs/consent.md shows the same table). */
export const PERMISSION_RULES: Record<DuoPermission, PermissionRule> = {
  NRES: {
    rule: 'any purpose',
    evaluate: () => approve('no restriction on use'),
  },
  GRU: {
    rule: 'any purpose (commercial limits only through NCU/NPU)',
    evaluate: (ctx) => approve(`general research use covers ${CATEGORY_TEXT[ctx.purpose.category]}`),
  },
  HMB: {
    rule: 'disease-specific, health/medical/biomedical and methods development; not population origins/ancestry nor non-health research',
    evaluate: (ctx) => {
      switch (ctx.purpose.category) {
        case 'DISEASE_SPECIFIC':
        case 'HEALTH_MEDICAL_BIOMEDICAL':
        case 'METHODS_DEVELOPMENT':
          return approve(`health/medical/biomedical use covers ${CATEGORY_TEXT[ctx.purpose.category]}`);
        case 'POPULATION_ORIGINS_ANCESTRY':
          return deny('HMB does not include the study of population origins or ancestry');
        case 'GENERAL_RESEARCH':
          return deny(
            'HMB limits use to health/medical/biomedical research; the purpose is general research',
          );
      }
    },
  },
  DS: {
    rule: 'disease-specific research whose diseases equal or descend from (MONDO is_a) a consented disease',
    evaluate: (ctx) =>
      ctx.purpose.category === 'DISEASE_SPECIFIC'
        ? diseaseCoverage(ctx)
        : deny(
            `DS limits use to research on ${ctx.consent.diseases.map((d) => named(ctx, d)).join(', ')}; the purpose is ${CATEGORY_TEXT[ctx.purpose.category]}`,
          ),
  },
  POA: {
    rule: 'population origins or ancestry research only',
    evaluate: (ctx) =>
      ctx.purpose.category === 'POPULATION_ORIGINS_ANCESTRY'
        ? approve('population origins or ancestry research is the permitted use')
        : deny(
            `POA limits use to population origins or ancestry research; the purpose is ${CATEGORY_TEXT[ctx.purpose.category]}`,
          ),
  },
};

interface ModifierRule {
  /** One line for the documentation table. */
  rule: string;
  evaluate(ctx: MatchContext, modifier: ConsentModifier): Verdict;
}

/** What each modifier requires of a purpose (docs/consent.md shows the same table). */
export const MODIFIER_RULES: Record<DuoModifier, ModifierRule> = {
  NPU: {
    rule: 'DENY when the requesting organisation is for-profit',
    evaluate: (ctx) =>
      ctx.purpose.forProfitOrganization
        ? deny('use is limited to not-for-profit organisations; the requester is for-profit')
        : approve('the requester is a not-for-profit organisation'),
  },
  NCU: {
    rule: 'DENY when the use is commercial',
    evaluate: (ctx) =>
      ctx.purpose.commercial
        ? deny('use is limited to non-commercial use; the purpose is commercial')
        : approve('the use is non-commercial'),
  },
  NMDS: {
    rule: 'DENY methods development, unless the consent is DS and the purpose is methods work on a consented disease',
    evaluate: (ctx) => {
      if (!ctx.purpose.methodsDevelopment) return approve('the purpose includes no methods development');
      if (
        ctx.consent.permission === 'DS' &&
        ctx.purpose.category === 'DISEASE_SPECIFIC' &&
        diseaseCoverage(ctx).verdict === 'APPROVE'
      )
        return approve('methods development limited to the consented disease is allowed');
      return deny('methods development (software, algorithms) is not allowed with this data');
    },
  },
  GSO: {
    rule: 'DENY unless the purpose is genetic studies only',
    evaluate: (ctx) =>
      ctx.purpose.geneticStudiesOnly
        ? approve('the purpose is limited to genetic studies')
        : deny('use is limited to genetic studies; the purpose does not state genetic studies only'),
  },
  NPOA: {
    rule: 'DENY population origins/ancestry purposes; otherwise NEEDS_REVIEW (steward confirms none is planned)',
    evaluate: (ctx) =>
      ctx.purpose.category === 'POPULATION_ORIGINS_ANCESTRY'
        ? deny('population origins or ancestry research is prohibited')
        : review(
            'population origins or ancestry research is prohibited; a steward confirms the study includes none',
          ),
  },
  IRB: {
    rule: 'NEEDS_REVIEW: a steward checks the ethics approval (the reason says when none was given)',
    evaluate: (ctx) =>
      ctx.purpose.ethicsApprovalRef
        ? review(`ethics approval required; a steward verifies approval "${ctx.purpose.ethicsApprovalRef}"`)
        : review('ethics approval required, but the purpose gives no ethics approval reference'),
  },
  COL: {
    rule: 'NEEDS_REVIEW: collaboration with the primary investigators is agreed by the steward',
    evaluate: (ctx, m) => {
      const who = m.note ? ` (${m.note})` : '';
      return ctx.purpose.collaborationWithPrimaryInvestigators
        ? review(
            `collaboration with the primary investigators${who} required; the researcher agrees, a steward confirms`,
          )
        : review(
            `collaboration with the primary investigators${who} required, but the researcher has not agreed to it`,
          );
    },
  },
  PUB: {
    rule: 'NEEDS_REVIEW: results must be shared with the scientific community',
    evaluate: (ctx) =>
      ctx.purpose.willPublish
        ? review(
            'results must be made available to the scientific community; the researcher commits to it, a steward confirms',
          )
        : review(
            'results must be made available to the scientific community, but the purpose does not commit to publishing',
          ),
  },
  GS: {
    rule: 'NEEDS_REVIEW: use limited to a region; the reason compares it with the stated area',
    evaluate: (ctx, m) => {
      const area = ctx.purpose.geographicArea;
      if (!area) return review(`use is limited to ${m.region}, but the purpose states no geographic area`);
      return area.toLowerCase() === m.region?.toLowerCase()
        ? review(`use is limited to ${m.region}; the stated area is the same, a steward confirms`)
        : review(`use is limited to ${m.region}; a steward judges whether "${area}" lies within it`);
    },
  },
  MOR: {
    rule: 'NEEDS_REVIEW: no publication before the moratorium date',
    evaluate: (_ctx, m) => review(`results must not be published before ${m.moratoriumUntil}`),
  },
  TS: {
    rule: 'NEEDS_REVIEW: use approved for a limited number of months (the grant expiry must respect it)',
    evaluate: (_ctx, m) =>
      review(`use is approved for at most ${m.months} months; the grant must expire within that`),
  },
  US: {
    rule: 'NEEDS_REVIEW: use limited to approved users',
    evaluate: (_ctx, m) =>
      review(
        `use is limited to approved users${m.note ? ` (${m.note})` : ''}; a steward checks the researcher is one`,
      ),
  },
  PS: {
    rule: 'NEEDS_REVIEW: use limited to an approved project',
    evaluate: (_ctx, m) =>
      review(
        `use is limited to an approved project${m.note ? ` (${m.note})` : ''}; a steward checks this project is it`,
      ),
  },
  IS: {
    rule: 'NEEDS_REVIEW: use limited to an approved institution',
    evaluate: (_ctx, m) =>
      review(
        `use is limited to an approved institution${m.note ? ` (${m.note})` : ''}; a steward checks the researcher's institution`,
      ),
  },
  RTN: {
    rule: 'NEEDS_REVIEW: derived data must be returned',
    evaluate: (ctx) =>
      ctx.purpose.returnDerivedData
        ? review('derived or enriched data must be returned; the researcher agrees, a steward confirms')
        : review('derived or enriched data must be returned, but the researcher has not agreed to it'),
  },
  CC: {
    rule: 'NEEDS_REVIEW: clinical care use is allowed; a steward confirms the clinical context',
    evaluate: (ctx) =>
      ctx.purpose.clinicalCare
        ? review('clinical care use is allowed; a steward confirms the clinical context')
        : review('the consent allows clinical care use; a steward confirms the terms of use'),
  },
  RS: {
    rule: 'NEEDS_REVIEW: use limited to a research type',
    evaluate: (_ctx, m) =>
      review(
        `use is limited to a specific research type${m.note ? ` (${m.note})` : ''}; a steward judges whether the purpose fits`,
      ),
  },
};

const SEVERITY: Record<MatchVerdict, number> = { APPROVE: 0, NEEDS_REVIEW: 1, DENY: 2 };

/** Matches a validated research purpose against a validated consent (pure; no I/O). */
export function matchPurpose(
  consent: DuoConsent,
  purpose: ResearchPurpose,
  diseases: DiseaseHierarchy,
): ConsentMatch {
  const ctx: MatchContext = { consent, purpose, diseases };
  const reasons: ConsentMatchReason[] = [
    { code: consent.permission, ...PERMISSION_RULES[consent.permission].evaluate(ctx) },
    ...consent.modifiers.map((m) => ({ code: m.code, ...MODIFIER_RULES[m.code].evaluate(ctx, m) })),
  ];
  const outcome = reasons.reduce<MatchVerdict>(
    (worst, r) => (SEVERITY[r.verdict] > SEVERITY[worst] ? r.verdict : worst),
    'APPROVE',
  );
  return { outcome, reasons };
}
