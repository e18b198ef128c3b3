import type { Command } from 'commander';
import { DatasetAccessService } from '@helixgate/access';
import {
  ConsentService,
  MODIFIER_PARAMETER,
  RS_RESEARCH_TYPES,
  type ConsentMatch,
  type DuoConsentInput,
  type DuoModifier,
  type ModifierParameter,
  type ResearchPurposeInputShape,
  type StoredConsent,
} from '@helixgate/consent';
import { CliError, withApp, withOperation } from '../cli-context';
import { type OutputOptions, printJson, printTable, withJsonOption } from '../output';

type ModifierInput = NonNullable<DuoConsentInput['modifiers']>[number];

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `CODE` or `CODE=value`; the value goes to the parameter the code takes (GS region, MOR date, TS months,
 * note). For RS a value that starts with a research type (`RS=PEDIATRIC`, `RS=FEMALE:breast cohort`) sets it.
 */
export function parseModifier(spec: string): ModifierInput {
  const eq = spec.indexOf('=');
  const code = (eq < 0 ? spec : spec.slice(0, eq)).trim().toUpperCase();
  if (eq < 0) return { code };
  const value = spec.slice(eq + 1);
  if (code === 'RS') {
    const [type, ...note] = value.split(':');
    if ((RS_RESEARCH_TYPES as readonly string[]).includes(type.trim().toUpperCase()))
      return {
        code,
        researchType: type.trim().toUpperCase(),
        ...(note.length ? { note: note.join(':') } : {}),
      };
  }
  const kind = MODIFIER_PARAMETER[code as DuoModifier] as ModifierParameter['kind'] | undefined;
  switch (kind) {
    case 'region':
      return { code, region: value };
    case 'date':
      return { code, moratoriumUntil: value };
    case 'months':
      return { code, months: /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN };
    case 'note':
      return { code, note: value };
    case undefined: // not a modifier: validation names it
      return { code };
    case 'none':
      throw new CliError(`modifier ${code} takes no value (got "${spec}")`, 64);
  }
}

export function formatConsent(c: StoredConsent): string {
  const mods = c.modifiers.map((m) => {
    const type = m.researchType ? `${m.researchType}${m.note ? ':' : ''}` : '';
    const value =
      m.region ??
      m.moratoriumUntil ??
      (m.months !== undefined ? String(m.months) : undefined) ??
      (type || m.note ? `${type}${m.note ?? ''}` : undefined);
    return value === undefined ? m.code : `${m.code}=${value}`;
  });
  const permission = c.permission === 'DS' ? `DS(${c.diseases.join(', ')})` : c.permission;
  return `${c.datasetId}\t${[permission, ...mods].join(' ')}\tupdated ${c.updatedAt.toISOString()} by ${c.updatedBy}\n`;
}

/** `consent show --json`: the consent as stored (DUO codes, disease ids, modifiers with their parameters). */
export function consentJson(c: StoredConsent): object {
  return {
    datasetId: c.datasetId,
    permission: c.permission,
    diseases: c.diseases,
    modifiers: c.modifiers,
    updatedAt: c.updatedAt.toISOString(),
    updatedBy: c.updatedBy,
  };
}

export function formatMatch(m: ConsentMatch): string {
  return (
    [`outcome: ${m.outcome}`, ...m.reasons.map((r) => `  ${r.code}\t${r.verdict}\t${r.reason}`)].join('\n') +
    '\n'
  );
}

export function registerConsentCommands(program: Command): void {
  const consent = program
    .command('consent')
    .description('DUO consent of datasets and research-purpose matching');

  withJsonOption(consent.command('terms'))
    .description('list the DUO terms this node understands')
    .action((opts: OutputOptions) =>
      withApp(async (app) => {
        const terms = app.get(ConsentService).duoTerms();
        printTable(
          terms,
          [
            { header: 'ID', key: 'id', value: (t) => t.id },
            { header: 'SHORTHAND', key: 'shorthand', value: (t) => t.shorthand ?? null },
            { header: 'KIND', key: 'kind', value: (t) => t.kind },
            { header: 'LABEL', key: 'label', value: (t) => t.label },
          ],
          opts,
        );
      }),
    );

  consent
    .command('set <datasetId>')
    .description(
      'record (replace) the consent of a dataset, e.g. --permission DS --disease MONDO:0004992 --modifier NCU --modifier TS=12',
    )
    .requiredOption('--permission <code>', 'NRES, GRU, HMB, DS or POA')
    .option('--disease <id>', 'disease id for DS: MONDO, or e.g. DOID:162 (repeatable)', collect, [])
    .option(
      '--modifier <code[=value]>',
      'modifier, e.g. NCU, NPUNCU, GS="European Union", MOR=2027-06-30, TS=12, RS=PEDIATRIC (repeatable)',
      collect,
      [],
    )
    .action((datasetId: string, opts: { permission: string; disease: string[]; modifier: string[] }) =>
      withOperation('consent set', async ({ app, caller }) => {
        const stored = await app.get(DatasetAccessService).setConsent(caller, datasetId, {
          permission: opts.permission,
          diseases: opts.disease,
          modifiers: opts.modifier.map(parseModifier),
        });
        process.stdout.write(formatConsent(stored));
      }),
    );

  consent
    .command('show <datasetId>')
    .description("show a dataset's consent")
    .option('--json', 'print JSON instead of the line')
    .action((datasetId: string, opts: OutputOptions) =>
      withApp(async (app) => {
        const stored = await app.get(ConsentService).getConsentOrThrow(datasetId);
        if (opts.json) printJson(consentJson(stored));
        else process.stdout.write(formatConsent(stored));
      }),
    );

  consent
    .command('match <datasetId>')
    .description("match a research purpose against a dataset's consent (dry run)")
    .requiredOption(
      '--category <category>',
      'DISEASE_SPECIFIC, HEALTH_MEDICAL_BIOMEDICAL, POPULATION_ORIGINS_ANCESTRY, METHODS_DEVELOPMENT, GENERAL_RESEARCH or OTHER',
    )
    .option(
      '--disease <id>',
      'disease id, MONDO or e.g. DOID:162 (repeatable, DISEASE_SPECIFIC)',
      collect,
      [],
    )
    .option('--commercial', 'the use is commercial', false)
    .option('--for-profit', 'the organisation is for-profit', false)
    .option('--methods', 'the study develops methods/software/algorithms', false)
    .option('--genetic-only', 'genetic studies only', false)
    .option('--publish', 'results will be published', false)
    .option('--collaborate', 'agrees to collaborate with the primary investigators', false)
    .option('--return-data', 'derived data will be returned', false)
    .option('--clinical-care', 'the use includes clinical care', false)
    .option('--ancestry', 'the study also researches population origins or ancestry', false)
    .option('--controls', 'uses the data as controls', false)
    .option('--population-variation', 'studies variation in the general population', false)
    .option('--gender <focus>', 'limited to one gender: FEMALE, MALE or OTHER')
    .option('--pediatric', 'limited to a pediatric population', false)
    .option('--vulnerable', 'targets a vulnerable population', false)
    .option('--illegal-behavior', 'studies illegal behaviour', false)
    .option('--sexual-diseases', 'studies sexual preferences or sexually transmitted diseases', false)
    .option('--stigmatized', 'studies stigmatising illnesses', false)
    .option('--psychological', 'studies psychological traits', false)
    .option(
      '--not-health',
      'correlates ethnicity, race or gender with variables beyond health research',
      false,
    )
    .option('--other <text>', 'other aspects of the research, in free text (required for OTHER)')
    .option('--area <region>', 'where the data will be used')
    .option('--ethics-ref <ref>', 'ethics approval reference')
    .option('--json', 'print JSON: {"outcome", "reasons": [{"code", "verdict", "reason"}]}')
    .action(
      (
        datasetId: string,
        o: {
          category: string;
          disease: string[];
          commercial: boolean;
          forProfit: boolean;
          methods: boolean;
          geneticOnly: boolean;
          publish: boolean;
          collaborate: boolean;
          returnData: boolean;
          clinicalCare: boolean;
          ancestry: boolean;
          controls: boolean;
          populationVariation: boolean;
          gender?: string;
          pediatric: boolean;
          vulnerable: boolean;
          illegalBehavior: boolean;
          sexualDiseases: boolean;
          stigmatized: boolean;
          psychological: boolean;
          notHealth: boolean;
          other?: string;
          area?: string;
          ethicsRef?: string;
          json?: boolean;
        },
      ) =>
        withApp(async (app) => {
          const purpose: ResearchPurposeInputShape = {
            category: o.category.toUpperCase() as ResearchPurposeInputShape['category'],
            diseases: o.disease,
            commercial: o.commercial,
            forProfitOrganization: o.forProfit,
            methodsDevelopment: o.methods,
            geneticStudiesOnly: o.geneticOnly,
            willPublish: o.publish,
            collaborationWithPrimaryInvestigators: o.collaborate,
            returnDerivedData: o.returnData,
            clinicalCare: o.clinicalCare,
            populationOriginsAncestry: o.ancestry,
            controls: o.controls,
            populationVariation: o.populationVariation,
            genderFocus: o.gender as ResearchPurposeInputShape['genderFocus'],
            pediatric: o.pediatric,
            vulnerablePopulations: o.vulnerable,
            illegalBehavior: o.illegalBehavior,
            sexualDiseases: o.sexualDiseases,
            stigmatizedDiseases: o.stigmatized,
            psychologicalTraits: o.psychological,
            notHealth: o.notHealth,
            otherPurpose: o.other,
            geographicArea: o.area,
            ethicsApprovalRef: o.ethicsRef,
          };
          const match = await app.get(ConsentService).matchDataset(datasetId, purpose);
          if (o.json) printJson({ outcome: match.outcome, reasons: match.reasons });
          else process.stdout.write(formatMatch(match));
        }),
    );
}
