import { Alert, Button, Code, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { download } from '@/app/api';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { LabelledChoice } from '@/components/LabelledChoice';
import { PageHeader } from '@/components/states';

function decodeManifest(jws: string): Record<string, unknown> | null {
  try {
    return JSON.parse(atob(jws.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Compliance: export a time range as FHIR AuditEvent NDJSON or CSV, with its signed manifest. */
export default function ExportsPage() {
  const [format, setFormat] = useState<'ndjson' | 'csv'>('ndjson');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [manifest, setManifest] = useState<{ jws: string; claims: Record<string, unknown> | null } | null>(
    null,
  );
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const q = new URLSearchParams({
        format,
        ...(from ? { from: new Date(from).toISOString() } : {}),
        ...(to ? { to: new Date(to).toISOString() } : {}),
      });
      const { blob, headers } = await download(`/api/audit/export?${q.toString()}`);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      save(blob, `audit-${stamp}.${format}`);
      const jws = headers.get('x-helixgate-audit-manifest') ?? '';
      if (jws)
        save(new Blob([`${jws}\n`], { type: 'application/jose' }), `audit-${stamp}.${format}.manifest.jws`);
      setManifest({ jws, claims: decodeManifest(jws) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader title="Exports">
        Download a time range of the audit trail. The signed manifest (SHA-256 of the file and the checkpoint
        it is anchored to) is saved beside it.
      </PageHeader>
      <Paper withBorder p="md" maw={720}>
        <Stack>
          <LabelledChoice
            id="format-label"
            label="Format"
            value={format}
            onChange={setFormat}
            data={[
              { value: 'ndjson', label: 'FHIR AuditEvent (NDJSON)' },
              { value: 'csv', label: 'CSV' },
            ]}
          />
          <Group grow>
            <TextInput
              type="datetime-local"
              label="From"
              description="Empty: from the first event"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              label="To"
              description="Empty: until now"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          </Group>
          <ApiErrorAlert error={error} title="The export was refused" />
          <Button onClick={() => void run()} loading={busy} w="fit-content">
            Export and download
          </Button>
        </Stack>
      </Paper>
      {manifest ? (
        <Alert color="green" title="Exported" mt="md" role="status" data-testid="export-manifest">
          {manifest.claims ? (
            <Text size="sm">
              {String(manifest.claims.rows ?? '?')} events · sha256{' '}
              <Code>{String(manifest.claims.sha256 ?? '')}</Code>
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt={4}>
            Manifest signed by this node (JWS), saved as a separate file.
          </Text>
        </Alert>
      ) : null}
    </>
  );
}
