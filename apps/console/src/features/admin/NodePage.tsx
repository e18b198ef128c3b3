import { Alert, Badge, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { fmtDate } from '@/components/format';
import { Loading, PageHeader } from '@/components/states';
import { NodeIdentityDocument } from '@/gql/graphql';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </>
  );
}

/** Admin: what this node is to its peers: id, issuer, signing key, certificate and its expiry. */
export default function NodePage() {
  const [{ data, fetching, error }] = useQuery({ query: NodeIdentityDocument });
  if (fetching && !data) return <Loading />;
  if (!data) return <ApiErrorAlert error={error} title="The node's identity cannot be shown" />;
  const n = data.nodeIdentity;
  const c = n.certificate;
  return (
    <>
      <PageHeader title="Node identity">
        What other nodes&apos; operators pin to register this node as their peer (also served at{' '}
        <Code>/.well-known/helixgate-node</Code>).
      </PageHeader>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="node-title">
          <Title order={2} size="h4" mb="sm" id="node-title">
            Node
          </Title>
          <SimpleGrid
            component="dl"
            cols={2}
            spacing="xs"
            verticalSpacing={6}
            style={{ gridTemplateColumns: 'max-content 1fr' }}
          >
            <Row label="Node id">
              <span className="mono" data-testid="node-id">
                {n.nodeId}
              </span>
            </Row>
            <Row label="Name">{n.name}</Row>
            <Row label="Issuer">
              <span className="mono">{n.issuer}</span>
            </Row>
            <Row label="Key set">
              <span className="mono">{n.jwksUri}</span>
            </Row>
            <Row label="Signing key id">
              <span className="mono" data-testid="signing-key">
                {n.signingKeyId}
              </span>
            </Row>
            <Row label="Published keys">{n.keyThumbprints.length}</Row>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="cert-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="cert-title">
              Certificate
            </Title>
            {c ? (
              <Badge
                color={c.daysLeft < 0 ? 'red' : c.daysLeft < 30 ? 'yellow' : 'green'}
                data-testid="cert-expiry"
              >
                {c.daysLeft < 0 ? 'expired' : `${c.daysLeft} days left`}
              </Badge>
            ) : null}
          </Group>
          {!c ? (
            <Alert color="yellow" title="No certificate">
              Create one with <Code>helixgate node init</Code> (self-signed) or <Code>node init --csr</Code>{' '}
              for your institution&apos;s CA.
            </Alert>
          ) : (
            <Stack gap="sm">
              <SimpleGrid
                component="dl"
                cols={2}
                spacing="xs"
                verticalSpacing={6}
                style={{ gridTemplateColumns: 'max-content 1fr' }}
              >
                <Row label="Subject">
                  <span data-testid="cert-subject">{c.subject}</span>
                </Row>
                <Row label="Issuer">{c.selfSigned ? `${c.issuer} (self-signed)` : c.issuer}</Row>
                <Row label="SHA-256">
                  <span className="mono" data-testid="cert-sha256">
                    {c.sha256}
                  </span>
                </Row>
                <Row label="Serial">
                  <span className="mono">{c.serialNumber}</span>
                </Row>
                <Row label="Valid">
                  {fmtDate(c.notBefore)} – {fmtDate(c.notAfter)}
                </Row>
              </SimpleGrid>
              {c.coversSigningKey ? null : (
                <Alert color="red" title="The certificate does not name the current signing key">
                  After a signing-key rotation renew it: <Code>helixgate node init --renew</Code>.
                </Alert>
              )}
            </Stack>
          )}
        </Paper>
      </SimpleGrid>
    </>
  );
}
