import type { DiseaseHierarchy, PlacedDisease } from './disease-hierarchy';
import type { ConsentModifier, DuoConsent, DuoModifier, DuoPermission } from './duo-codes';
import {
  SENSITIVE_PURPOSE_FLAGS,
  type PurposeCategory,
  type ResearchPurpose,
  type SensitivePurposeFlag,
} from './research-purpose';

export const MATCH_VERDICTS = ['APPROVE', 'NEEDS_REVIEW', 'DENY'] as const;
export type MatchVerdict = (typeof MATCH_VERDICTS)[number];

/**
 * `PURPOSE`: a reason about the research purpose itself (sensitive aspects, free text), not a consent code;
 * `CONSENT`: the dataset has no recorded consent to match against (a steward must judge).
 */
export type ConsentMatchCode = DuoPermission | DuoModifier | 'PURPOSE' | 'CONSENT';

export interface ConsentMatchReason {
  code: ConsentMatchCode;
  verdict: MatchVerdict;
  reason: string;
}

export interface ConsentMatch {
  /** DENY if any code denies, else NEEDS_REVIEW if any code needs review, else APPROVE. */
  outcome: MatchVerdict;
  /** The permission's reason first, then one per modifier in code order, then PURPOSE when the purpose needs a steward. */
  reasons: ConsentMatchReason[];
}

interface MatchContext {
  consent: DuoConsent;
  purpose: ResearchPurpose;
  diseases: DiseaseHierarchy;
  placed: Map<string, PlacedDisease>;
}

type Verdict = Omit<ConsentMatchReason, 'code'>;
const SEVERITY: Record<MatchVerdict, number> = { APPROVE: 0, NEEDS_REVIEW: 1, DENY: 2 };
const approve = (reason: string): Verdict => ({ verdict: 'APPROVE', reason });
const deny = (reason: string): Verdict => ({ verdict: 'DENY', reason });
const review = (reason: string): Verdict => ({ verdict: 'NEEDS_REVIEW', reason });

const CATEGORY_TEXT: Record<PurposeCategory, string> = {
  DISEASE_SPECIFIC: 'disease-specific research',
  HEALTH_MEDICAL_BIOMEDICAL: 'health/medical/biomedical research',
  POPULATION_ORIGINS_ANCESTRY: 'population origins or ancestry research',
  METHODS_DEVELOPMENT: 'methods development',
  GENERAL_RESEARCH: 'general research',
  OTHER: 'research described in free text',
};

function place(ctx: MatchContext, id: string): PlacedDisease {
  let p = ctx.placed.get(id);
  if (!p) ctx.placed.set(id, (p = ctx.diseases.place(id)));
  return p;
}

/** `MONDO:0004992 (cancer)`, or `DOID:162 = MONDO:0004992 (cancer)` for an id placed through MONDO. */
function named(ctx: MatchContext, id: string): string {
  const p = place(ctx, id);
  const one = (m: string) => {
    const label = ctx.diseases.label(m);
    return label ? `${m} (${label})` : m;
  };
  if (p.mondo.length === 0) return id;
  const mondo = p.mondo.map(one).join(' or ');
  return p.mondo.length === 1 && p.mondo[0] === id ? mondo : `${id} = ${mondo}`;
}

/**
 * DS coverage, DUOS-style: a purpose disease is covered when it equals, or descends (MONDO is_a) from, one of
 * the consented diseases. Ids are first placed in MONDO (obsolete ids through their replacement, DOID/ICD/...
 * through exact cross-references). A disease that cannot be placed (unknown, or an ambiguous cross-reference)
 * is left to a steward unless it is literally a consented id.
 */
function diseaseCoverage(ctx: MatchContext): Verdict {
  const consented = ctx.consent.diseases;
  const consentedMondo = consented.flatMap((c) => place(ctx, c).mondo);
  const consentPlaced = consented.every((c) => place(ctx, c).mondo.length === 1);
  const uncovered: string[] = [];
  const unplaceable: string[] = [];
  const covered: string[] = [];
  for (const d of ctx.purpose.diseases) {
    const p = place(ctx, d);
    const by = consented.find(
      (c) =>
        c === d ||
        (p.mondo.length > 0 &&
          p.mondo.every((m) => place(ctx, c).mondo.some((cm) => ctx.diseases.isSameOrDescendant(m, cm)))),
    );
    if (by) covered.push(d === by ? named(ctx, d) : `${named(ctx, d)} is a kind of ${named(ctx, by)}`);
    else if (p.mondo.length !== 1 || !consentPlaced || consentedMondo.length === 0) unplaceable.push(d);
    else uncovered.push(d);
  }
  const consentText = consented.map((c) => named(ctx, c)).join(', ');
  if (uncovered.length)
    return deny(
      `${uncovered.map((d) => named(ctx, d)).join(', ')} is not ${consentText} nor a descendant of it`,
    );
  if (unplaceable.length)
    return review(
      `${unplaceable.join(', ')} cannot be placed against ${consentText} in MONDO ${ctx.diseases.version}; a steward must judge whether it is related`,
    );
  return approve(`disease-specific research within the consented diseases: ${covered.join('; ')}`);
}

const worst = (...vs: Verdict[]): Verdict =>
  vs.reduce((a, b) => (SEVERITY[b.verdict] > SEVERITY[a.verdict] ? b : a));

const OTHER_REVIEW = (what: string) =>
  review(`the purpose is described only in free text; a steward judges whether it is ${what}`);

interface PermissionRule {
  /** One line for the documentation table. */
  rule: string;
  evaluate(ctx: MatchContext): Verdict;
}

/**
 * A permission judges the purpose's category and, when the purpose also studies population origins or
 * ancestry (a combined purpose), that part too; the worse verdict counts. Methods development is allowed by
 * every permission (DUO: unless NMDS restricts it), so only NMDS looks at it.
 */
function withAncestry(ctx: MatchContext, main: Verdict, ancestry: Verdict): Verdict {
  return ctx.purpose.populationOriginsAncestry && ctx.purpose.category !== 'POPULATION_ORIGINS_ANCESTRY'
    ? worst(main, ancestry)
    : main;
}

const METHODS_ALLOWED = approve(
  'methods research is permitted unless the consent expressly prohibits it (NMDS)',
);

/** What each permission allows, by purpose category (docs/consent.md shows the same table). */
export const PERMISSION_RULES: Record<DuoPermission, PermissionRule> = {
  NRES: {
    rule: 'any purpose',
    evaluate: () => approve('no restriction on use'),
  },
  GRU: {
    rule: 'any purpose (commercial limits only through NCU/NPU/NPUNCU)',
    evaluate: (ctx) => approve(`general research use covers ${CATEGORY_TEXT[ctx.purpose.category]}`),
  },
  HMB: {
    rule: 'disease-specific, health/medical/biomedical and methods development; not population origins/ancestry (also as part of a combined purpose) nor non-health research; free-text OTHER: NEEDS_REVIEW',
    evaluate: (ctx) => {
      const ancestry = deny('HMB does not include the study of population origins or ancestry');
      switch (ctx.purpose.category) {
        case 'DISEASE_SPECIFIC':
        case 'HEALTH_MEDICAL_BIOMEDICAL':
        case 'METHODS_DEVELOPMENT':
          return withAncestry(
            ctx,
            approve(`health/medical/biomedical use covers ${CATEGORY_TEXT[ctx.purpose.category]}`),
            ancestry,
          );
        case 'POPULATION_ORIGINS_ANCESTRY':
          return ancestry;
        case 'GENERAL_RESEARCH':
          return deny(
            'HMB limits use to health/medical/biomedical research; the purpose is general research',
          );
        case 'OTHER':
          return withAncestry(ctx, OTHER_REVIEW('health/medical/biomedical research'), ancestry);
      }
    },
  },
  DS: {
    rule: 'disease-specific research whose diseases equal or descend from (MONDO is_a) a consented disease, and methods development; not population origins/ancestry; free-text OTHER: NEEDS_REVIEW',
    evaluate: (ctx) => {
      const on = ctx.consent.diseases.map((d) => named(ctx, d)).join(', ');
      const ancestry = deny(
        `DS limits use to research on ${on}; population origins or ancestry research is not that`,
      );
      switch (ctx.purpose.category) {
        case 'DISEASE_SPECIFIC':
          return withAncestry(ctx, diseaseCoverage(ctx), ancestry);
        case 'METHODS_DEVELOPMENT':
          return withAncestry(ctx, METHODS_ALLOWED, ancestry);
        case 'OTHER':
          return withAncestry(ctx, OTHER_REVIEW(`related to ${on}`), ancestry);
        case 'HEALTH_MEDICAL_BIOMEDICAL':
        case 'GENERAL_RESEARCH':
        case 'POPULATION_ORIGINS_ANCESTRY':
          return deny(
            `DS limits use to research on ${on}; the purpose is ${CATEGORY_TEXT[ctx.purpose.category]}`,
          );
      }
    },
  },
  POA: {
    rule: 'population origins or ancestry research, and methods development; free-text OTHER: NEEDS_REVIEW',
    evaluate: (ctx) => {
      switch (ctx.purpose.category) {
        case 'POPULATION_ORIGINS_ANCESTRY':
          return approve('population origins or ancestry research is the permitted use');
        case 'METHODS_DEVELOPMENT':
          return METHODS_ALLOWED;
        case 'OTHER':
          return OTHER_REVIEW('population origins or ancestry research');
        case 'DISEASE_SPECIFIC':
        case 'HEALTH_MEDICAL_BIOMEDICAL':
        case 'GENERAL_RESEARCH':
          return deny(
            `POA limits use to population origins or ancestry research; the purpose is ${CATEGORY_TEXT[ctx.purpose.category]}`,
          );
      }
    },
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
    rule: 'DENY general methods development (a METHODS_DEVELOPMENT purpose); methods work inside a disease-specific purpose follows the disease match (NEEDS_REVIEW when a disease cannot be placed); inside another purpose NEEDS_REVIEW',
    evaluate: (ctx) => {
      if (!ctx.purpose.methodsDevelopment) return approve('the purpose includes no methods development');
      if (ctx.purpose.category === 'METHODS_DEVELOPMENT')
        return deny('general methods development (software, algorithms) is not allowed with this data');
      if (ctx.purpose.category === 'DISEASE_SPECIFIC') {
        const within = PERMISSION_RULES[ctx.consent.permission].evaluate({
          ...ctx,
          purpose: { ...ctx.purpose, populationOriginsAncestry: false },
        });
        if (within.verdict === 'APPROVE')
          return approve(
            'methods development within research on the named diseases stays within the consent',
          );
        if (within.verdict === 'NEEDS_REVIEW')
          return review(
            'methods development is allowed only within the consented diseases, and a disease cannot be placed; a steward judges',
          );
        return deny(
          'methods development is allowed only within the bounds of the consent, and the diseases are outside it',
        );
      }
      return review(
        'methods development is allowed only within the bounds of the other data use limitations; a steward confirms the methods serve the stated research',
      );
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
    rule: 'DENY population origins/ancestry purposes (also as part of a combined purpose); otherwise NEEDS_REVIEW (steward confirms none is planned)',
    evaluate: (ctx) =>
      ctx.purpose.populationOriginsAncestry
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
    rule: 'with a research type: DENY unless the purpose is of that type (PEDIATRIC: pediatric; FEMALE/MALE: that gender focus; CONTROLS: use as controls); without one NEEDS_REVIEW',
    evaluate: (ctx, m) => {
      const note = m.note ? ` (${m.note})` : '';
      const p = ctx.purpose;
      switch (m.researchType) {
        case 'PEDIATRIC':
          return p.pediatric
            ? approve(`use is limited to pediatric research${note}; the purpose is pediatric`)
            : deny(
                `use is limited to pediatric research${note}; the purpose is not limited to a pediatric population`,
              );
        case 'FEMALE':
        case 'MALE': {
          const g = m.researchType.toLowerCase();
          return p.genderFocus === m.researchType
            ? approve(`use is limited to research on the ${g} gender${note}; the purpose has that focus`)
            : deny(
                `use is limited to research on the ${g} gender${note}; the purpose ${p.genderFocus ? `focuses on ${p.genderFocus.toLowerCase()}` : 'states no such focus'}`,
              );
        }
        case 'CONTROLS':
          return p.controls
            ? approve(`use is limited to use as controls${note}; the purpose uses the data as controls`)
            : deny(`use is limited to use as controls${note}; the purpose does not use the data as controls`);
        case undefined:
          return review(
            `use is limited to a specific research type${note}; a steward judges whether the purpose fits`,
          );
      }
    },
  },
  NPUNCU: {
    rule: 'DENY when the requesting organisation is for-profit or the use is commercial (NPU and NCU together)',
    evaluate: (ctx) =>
      ctx.purpose.forProfitOrganization || ctx.purpose.commercial
        ? deny(
            `use is limited to not-for-profit organisations and non-commercial use; ${[
              ctx.purpose.forProfitOrganization ? 'the requester is for-profit' : '',
              ctx.purpose.commercial ? 'the purpose is commercial' : '',
            ]
              .filter(Boolean)
              .join(' and ')}`,
          )
        : approve('a not-for-profit organisation with a non-commercial use'),
  },
};

/**
 * DUOS abstains on purposes with sensitive aspects and on free text; Helixgate sends them to a steward. One
 * reason (code PURPOSE) lists what the steward must look at.
 */
export const PURPOSE_REVIEW_RULE =
  'NEEDS_REVIEW when the purpose has a sensitive aspect (controls, population variation, gender or pediatric focus, vulnerable populations, illegal behaviour, sexual or stigmatising diseases, psychological traits, non-health research) or free text (otherPurpose, OTHER)';

function purposeReview(p: ResearchPurpose): Verdict | null {
  const aspects: string[] = (Object.keys(SENSITIVE_PURPOSE_FLAGS) as SensitivePurposeFlag[])
    .filter((f) => p[f])
    .map((f) => SENSITIVE_PURPOSE_FLAGS[f]);
  if (p.genderFocus) aspects.push(`is limited to one gender (${p.genderFocus.toLowerCase()})`);
  const parts: string[] = [];
  if (aspects.length)
    parts.push(
      `the study ${aspects.join('; ')}: a sensitive purpose that a committee judges (DUOS abstains)`,
    );
  if (p.otherPurpose) parts.push(`the purpose states in free text: "${p.otherPurpose}"; a steward reads it`);
  return parts.length ? review(parts.join('. ')) : null;
}

/** Matches a validated research purpose against a validated consent (pure; no I/O). */
export function matchPurpose(
  consent: DuoConsent,
  purpose: ResearchPurpose,
  diseases: DiseaseHierarchy,
): ConsentMatch {
  const ctx: MatchContext = { consent, purpose, diseases, placed: new Map() };
  const reasons: ConsentMatchReason[] = [
    { code: consent.permission, ...PERMISSION_RULES[consent.permission].evaluate(ctx) },
    ...consent.modifiers.map((m) => ({ code: m.code, ...MODIFIER_RULES[m.code].evaluate(ctx, m) })),
  ];
  const aboutPurpose = purposeReview(purpose);
  if (aboutPurpose) reasons.push({ code: 'PURPOSE', ...aboutPurpose });
  const outcome = reasons.reduce<MatchVerdict>(
    (w, r) => (SEVERITY[r.verdict] > SEVERITY[w] ? r.verdict : w),
    'APPROVE',
  );
  return { outcome, reasons };
}
