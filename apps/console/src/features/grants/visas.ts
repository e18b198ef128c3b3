/** The claims of a ControlledAccessGrants visa the console shows (decoded, not verified: the node verifies). */
export interface GrantVisa {
  jwt: string;
  datasetUrl: string;
  datasetId: string;
  expiresAt: Date;
  assertedAt: Date;
}

function decodePayload(jwt: string): Record<string, unknown> | null {
  try {
    const part = jwt.split('.')[1];
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export function parseGrantVisa(jwt: string): GrantVisa | null {
  const p = decodePayload(jwt);
  const v = p?.ga4gh_visa_v1 as { value?: string; asserted?: number } | undefined;
  if (!p || !v?.value || typeof p.exp !== 'number') return null;
  return {
    jwt,
    datasetUrl: v.value,
    datasetId: v.value.split('/').filter(Boolean).pop() ?? v.value,
    expiresAt: new Date(p.exp * 1000),
    assertedAt: new Date((v.asserted ?? 0) * 1000),
  };
}

export function grantedDatasets(visas: readonly string[]): Set<string> {
  return new Set(visas.map(parseGrantVisa).flatMap((v) => (v ? [v.datasetId] : [])));
}
