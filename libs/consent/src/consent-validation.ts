import { DomainError } from '@helixgate/common';
import {
  DUO_MODIFIERS,
  DUO_PERMISSIONS,
  DISEASE_ID,
  MODIFIER_PARAMETER,
  RS_RESEARCH_TYPES,
  type ConsentModifier,
  type DuoConsent,
  type DuoModifier,
  type DuoPermission,
  type RsResearchType,
} from './duo-codes';
import {
  GENDER_FOCUS,
  PURPOSE_CATEGORIES,
  SENSITIVE_PURPOSE_FLAGS,
  type GenderFocus,
  type PurposeCategory,
  type ResearchPurpose,
  type ResearchPurposeInputShape,
} from './research-purpose';

/** Untrusted consent as a caller sends it (GraphQL input, CLI, JSON file). */
export interface DuoConsentInput {
  permission: string;
  diseases?: readonly string[] | null;
  modifiers?: ReadonlyArray<{
    code: string;
    region?: string | null;
    moratoriumUntil?: string | null;
    months?: number | null;
    note?: string | null;
    researchType?: string | null;
  }> | null;
}

const PARAM_FIELDS = ['region', 'moratoriumUntil', 'months', 'note'] as const;
const FIELD_FOR_KIND = { region: 'region', date: 'moratoriumUntil', months: 'months', note: 'note' } as const;
const MAX_TEXT = 500;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function checkDiseases(diseases: readonly string[], where: string, problems: string[]): string[] {
  const out = new Set<string>();
  for (const d of diseases) {
    if (typeof d !== 'string' || !DISEASE_ID.test(d.trim()))
      problems.push(
        `${where}: "${String(d)}" is not a disease id (MONDO:nnnnnnn, or a cross-reference such as DOID:162)`,
      );
    else out.add(d.trim());
  }
  return [...out].sort();
}

function fail(what: string, problems: string[]): never {
  throw new DomainError('INVALID_CONSENT', `invalid ${what}: ${problems.join('; ')}`, { problems });
}

/**
 * Checks a consent and returns it normalised (sorted, trimmed). Throws INVALID_CONSENT listing every problem,
 * each naming the offending code.
 */
export function validateConsent(input: DuoConsentInput): DuoConsent {
  const problems: string[] = [];
  const permission = String(input.permission ?? '')
    .trim()
    .toUpperCase();
  if (!(DUO_PERMISSIONS as readonly string[]).includes(permission)) {
    problems.push(
      (DUO_MODIFIERS as readonly string[]).includes(permission)
        ? `${permission} is a data use modifier, not a permission (one of ${DUO_PERMISSIONS.join(', ')})`
        : `unknown DUO permission "${permission}" (expected one of ${DUO_PERMISSIONS.join(', ')})`,
    );
  }

  const diseases = checkDiseases(input.diseases ?? [], 'DS', problems);
  if (permission === 'DS' && (input.diseases ?? []).length === 0)
    problems.push('DS needs at least one disease id (MONDO:nnnnnnn)');
  if (permission !== 'DS' && (input.diseases ?? []).length > 0)
    problems.push(`disease ids are only allowed with DS (permission is ${permission})`);

  const modifiers: ConsentModifier[] = [];
  const seen = new Set<string>();
  for (const raw of input.modifiers ?? []) {
    const code = String(raw.code ?? '')
      .trim()
      .toUpperCase();
    if (!(DUO_MODIFIERS as readonly string[]).includes(code)) {
      problems.push(
        (DUO_PERMISSIONS as readonly string[]).includes(code)
          ? `${code} is a permission; a consent has exactly one permission and it is ${permission}`
          : `unknown DUO modifier "${code}"`,
      );
      continue;
    }
    if (seen.has(code)) {
      problems.push(`modifier ${code} is listed twice`);
      continue;
    }
    seen.add(code);
    const modifier = checkModifier(code as DuoModifier, raw, problems);
    if (modifier) modifiers.push(modifier);
  }
  if (permission === 'NRES' && modifiers.length > 0)
    problems.push(
      `NRES (no restriction) cannot carry modifiers (got ${modifiers.map((m) => m.code).join(', ')}); use GRU with modifiers`,
    );
  for (const part of ['NPU', 'NCU'])
    if (seen.has('NPUNCU') && seen.has(part))
      problems.push(
        `NPUNCU already includes ${part} (not-for-profit organisations, non-commercial use); list one or the other`,
      );
  if (permission === 'POA' && seen.has('NPOA'))
    problems.push('NPOA (population origins or ancestry research prohibited) contradicts the POA permission');

  if (problems.length) fail('consent', problems);
  return {
    permission: permission as DuoPermission,
    diseases: permission === 'DS' ? diseases : [],
    modifiers: modifiers.sort((a, b) => a.code.localeCompare(b.code)),
  };
}

function checkModifier(
  code: DuoModifier,
  raw: NonNullable<DuoConsentInput['modifiers']>[number],
  problems: string[],
): ConsentModifier | null {
  const kind = MODIFIER_PARAMETER[code];
  const expected = kind === 'none' ? null : FIELD_FOR_KIND[kind];
  let ok = true;
  for (const f of PARAM_FIELDS) {
    if (f !== expected && raw[f] !== undefined && raw[f] !== null) {
      problems.push(`${code} takes no ${f}`);
      ok = false;
    }
  }
  if (kind !== 'note' && raw.researchType !== undefined && raw.researchType !== null) {
    problems.push(`${code} takes no researchType`);
    ok = false;
  }
  const out: ConsentModifier = { code };
  switch (kind) {
    case 'none':
      break;
    case 'region': {
      const region = typeof raw.region === 'string' ? raw.region.trim() : '';
      if (!region || region.length > 100) {
        problems.push(`GS needs a geographic region (1-100 characters)`);
        ok = false;
      } else out.region = region;
      break;
    }
    case 'date': {
      const date = typeof raw.moratoriumUntil === 'string' ? raw.moratoriumUntil.trim() : '';
      if (!isRealDate(date)) {
        problems.push(`MOR needs moratoriumUntil as a date YYYY-MM-DD (got "${date}")`);
        ok = false;
      } else out.moratoriumUntil = date;
      break;
    }
    case 'months': {
      const months = raw.months;
      if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 1200) {
        problems.push(`TS needs months as a whole number from 1 to 1200`);
        ok = false;
      } else out.months = months;
      break;
    }
    case 'note': {
      if (raw.researchType !== undefined && raw.researchType !== null) {
        const type = String(raw.researchType).trim().toUpperCase();
        if (code !== 'RS') {
          problems.push(`${code} takes no researchType`);
          ok = false;
        } else if (!(RS_RESEARCH_TYPES as readonly string[]).includes(type)) {
          problems.push(`RS researchType "${type}" is not one of ${RS_RESEARCH_TYPES.join(', ')}`);
          ok = false;
        } else out.researchType = type as RsResearchType;
      }
      if (raw.note !== undefined && raw.note !== null) {
        const note = String(raw.note).trim();
        if (note.length > MAX_TEXT) {
          problems.push(`${code} note is longer than ${MAX_TEXT} characters`);
          ok = false;
        } else if (note) out.note = note;
      }
      break;
    }
  }
  return ok ? out : null;
}

const BOOL_FIELDS = [
  'methodsDevelopment',
  'populationOriginsAncestry',
  'geneticStudiesOnly',
  'willPublish',
  'collaborationWithPrimaryInvestigators',
  'returnDerivedData',
  'clinicalCare',
  ...(Object.keys(SENSITIVE_PURPOSE_FLAGS) as (keyof typeof SENSITIVE_PURPOSE_FLAGS)[]),
] as const;

/** Checks a research purpose and returns it normalised (unstated flags false). Throws INVALID_CONSENT. */
export function validatePurpose(input: ResearchPurposeInputShape): ResearchPurpose {
  const problems: string[] = [];
  const category = String(input.category ?? '')
    .trim()
    .toUpperCase();
  if (!(PURPOSE_CATEGORIES as readonly string[]).includes(category))
    problems.push(
      `unknown purpose category "${category}" (expected one of ${PURPOSE_CATEGORIES.join(', ')})`,
    );
  const rawDiseases = input.diseases ?? [];
  const diseases = checkDiseases(rawDiseases, 'purpose', problems);
  if (category === 'DISEASE_SPECIFIC' && rawDiseases.length === 0)
    problems.push('a DISEASE_SPECIFIC purpose needs at least one disease id (MONDO:nnnnnnn)');
  if (category !== 'DISEASE_SPECIFIC' && rawDiseases.length > 0)
    problems.push(`disease ids belong to a DISEASE_SPECIFIC purpose (category is ${category})`);
  for (const f of ['commercial', 'forProfitOrganization'] as const) {
    if (typeof input[f] !== 'boolean') problems.push(`purpose must state ${f} (true or false)`);
  }
  for (const f of BOOL_FIELDS) {
    const v = input[f];
    if (v !== undefined && v !== null && typeof v !== 'boolean') problems.push(`${f} must be true or false`);
  }
  const text = (
    name: 'geographicArea' | 'ethicsApprovalRef' | 'otherPurpose',
    max: number,
  ): string | undefined => {
    const v = input[name];
    if (v === undefined || v === null) return undefined;
    const t = String(v).trim();
    if (t.length > max) problems.push(`${name} is longer than ${max} characters`);
    return t || undefined;
  };
  const geographicArea = text('geographicArea', 100);
  const ethicsApprovalRef = text('ethicsApprovalRef', 200);
  const otherPurpose = text('otherPurpose', 2000);
  if (category === 'OTHER' && !otherPurpose)
    problems.push('an OTHER purpose needs otherPurpose: a description of the research');
  let genderFocus: GenderFocus | undefined;
  if (input.genderFocus !== undefined && input.genderFocus !== null) {
    const g = String(input.genderFocus).trim().toUpperCase();
    if (!(GENDER_FOCUS as readonly string[]).includes(g))
      problems.push(`genderFocus "${g}" is not one of ${GENDER_FOCUS.join(', ')}`);
    else genderFocus = g as GenderFocus;
  }
  if (problems.length) fail('research purpose', problems);
  const flag = (f: keyof typeof SENSITIVE_PURPOSE_FLAGS) => input[f] === true;

  return {
    category: category as PurposeCategory,
    diseases,
    methodsDevelopment: input.methodsDevelopment === true || category === 'METHODS_DEVELOPMENT',
    populationOriginsAncestry:
      input.populationOriginsAncestry === true || category === 'POPULATION_ORIGINS_ANCESTRY',
    commercial: input.commercial,
    forProfitOrganization: input.forProfitOrganization,
    geneticStudiesOnly: input.geneticStudiesOnly === true,
    willPublish: input.willPublish === true,
    collaborationWithPrimaryInvestigators: input.collaborationWithPrimaryInvestigators === true,
    returnDerivedData: input.returnDerivedData === true,
    clinicalCare: input.clinicalCare === true,
    controls: flag('controls'),
    populationVariation: flag('populationVariation'),
    pediatric: flag('pediatric'),
    vulnerablePopulations: flag('vulnerablePopulations'),
    illegalBehavior: flag('illegalBehavior'),
    sexualDiseases: flag('sexualDiseases'),
    stigmatizedDiseases: flag('stigmatizedDiseases'),
    psychologicalTraits: flag('psychologicalTraits'),
    notHealth: flag('notHealth'),
    ...(genderFocus ? { genderFocus } : {}),
    ...(otherPurpose ? { otherPurpose } : {}),
    ...(geographicArea ? { geographicArea } : {}),
    ...(ethicsApprovalRef ? { ethicsApprovalRef } : {}),
  };
}
