import { Badge, Group, Tooltip } from '@mantine/core';

/** Plain-language names of the DUO codes (GA4GH Data Use Ontology, CC BY 4.0). */
export const DUO_LABELS: Record<string, string> = {
  NRES: 'No restriction',
  GRU: 'General research use',
  HMB: 'Health/medical/biomedical research',
  DS: 'Disease-specific research',
  POA: 'Population origins/ancestry research',
  NMDS: 'No general methods research',
  GSO: 'Genetic studies only',
  NPU: 'Not-for-profit use only',
  NCU: 'Non-commercial use only',
  NPOA: 'No population or ancestry research',
  RS: 'Research-specific restrictions',
  CC: 'Clinical care use',
  COL: 'Collaboration required',
  RTN: 'Return to database/resource',
  IRB: 'Ethics approval required',
  GS: 'Geographical restriction',
  MOR: 'Publication moratorium',
  TS: 'Time limit on use',
  US: 'User-specific restriction',
  PS: 'Project-specific restriction',
  IS: 'Institution-specific restriction',
  PUB: 'Publication required',
};

export interface ConsentLike {
  permission: string;
  diseases: readonly string[];
  modifiers: readonly {
    code: string;
    months?: number | null;
    moratoriumUntil?: string | null;
    note?: string | null;
    region?: string | null;
  }[];
}

function parameterOf(m: ConsentLike['modifiers'][number]): string | null {
  if (m.months) return `${m.months} months`;
  if (m.moratoriumUntil) return `until ${m.moratoriumUntil}`;
  if (m.region) return m.region;
  if (m.note) return m.note;
  return null;
}

/** A dataset's DUO consent as readable pills: the permission, its diseases, then each modifier. */
export function DuoPills({
  consent,
  diseaseLabels,
}: {
  consent: ConsentLike | null | undefined;
  /** MONDO id → label, to name diseases rather than show ids. */
  diseaseLabels?: ReadonlyMap<string, string>;
}) {
  if (!consent) {
    return (
      <Badge color="gray" variant="outline">
        No consent recorded
      </Badge>
    );
  }
  return (
    <Group gap={4} wrap="wrap" aria-label="Data use conditions">
      <Tooltip label={`DUO ${consent.permission}`}>
        <Badge color="teal" tabIndex={0}>
          {DUO_LABELS[consent.permission] ?? consent.permission}
          {consent.diseases.length
            ? `: ${consent.diseases.map((d) => diseaseLabels?.get(d) ?? d).join(', ')}`
            : ''}
        </Badge>
      </Tooltip>
      {consent.modifiers.map((m) => {
        const p = parameterOf(m);
        return (
          <Tooltip key={m.code} label={`DUO ${m.code}`}>
            <Badge color="indigo" tabIndex={0}>
              {DUO_LABELS[m.code] ?? m.code}
              {p ? ` (${p})` : ''}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

const LEVEL_COLOR: Record<string, string> = { PUBLIC: 'green', REGISTERED: 'blue', CONTROLLED: 'orange' };

export function SecurityLevelBadge({ level }: { level: string }) {
  return (
    <Badge color={LEVEL_COLOR[level] ?? 'gray'} variant="outline" style={{ flexShrink: 0 }}>
      {level.toLowerCase()}
    </Badge>
  );
}
