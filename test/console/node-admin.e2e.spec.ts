import type { INestApplication } from '@nestjs/common';
import { NodeIdentityService } from '@helixgate/federation';
import { LocalTokenService, NodeKeyService, UsersService } from '@helixgate/identity';
import { IngestService } from '@helixgate/variants';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { codeOf, gql, type Actor } from '../support/actors';
import { testConfig, uniqueId } from '../support/test-config';

const FIXTURE = path.join(__dirname, '../fixtures/vcf/cgi_hcc1187_chr7-sub_2s.vcf.gz');

/** A local user with a display name and institution, and a token. */
async function person(
  app: INestApplication,
  roles: string[],
  name: string,
  institution: string,
): Promise<Actor> {
  const username = uniqueId(roles[0]);
  const user = await app.get(UsersService).add({ username, roles, institution, displayName: name });
  const { token } = await app.get(LocalTokenService).issue(username);
  return { username, subject: user.id, issuer: app.get(NodeKeyService).issuer, token };
}

interface AuditRow {
  action: string;
  actor: string;
  outcome: string;
  resource: string | null;
  detail: Record<string, unknown>;
}

describe('node administration API: users and roles, stewards, ingest history, peers, node identity', () => {
  let app: INestApplication;
  let base: string;
  let admin: Actor, steward: Actor, researcher: Actor, compliance: Actor;
  let datasetId: string;
  // This file's own events: the activity window starts here (the test database is shared by every file,
  // and the top ten actors of the last hour need not include this file's admin).
  let startedAt: Date;
  const nodeId = uniqueId('node');
  const peerIds: string[] = [];
  let beaconServer: http.Server;

  /** Audit events written since the spec started, of the given action, by the given actor. */
  const events = async (action: string, actor: Actor): Promise<AuditRow[]> =>
    app
      .get(DataSource)
      .query(
        `SELECT action, actor, outcome, resource, detail FROM audit_event WHERE action = $1 AND actor = $2 ORDER BY seq`,
        [action, actor.subject],
      );

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1000);
    app = await createGateway(
      testConfig({ HELIXGATE_NODE_ID: nodeId, HELIXGATE_FEDERATION_TIMEOUT_MS: '3000' }),
    );
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = await person(app, ['admin'], 'Ada Admin', 'Node Hospital');
    steward = await person(app, ['steward'], 'Sam Steward', 'Node Hospital');
    researcher = await person(app, ['researcher'], 'Rita Researcher', 'University R');
    compliance = await person(app, ['compliance'], 'Carl Compliance', 'Node Hospital');
    datasetId = uniqueId('admin');
    const created = await gql(
      base,
      `mutation($i: CreateDatasetInput!) { createDataset(input: $i) { id } }`,
      { i: { id: datasetId, name: 'admin cohort', assembly: 'GRCh37', securityLevel: 'CONTROLLED' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    beaconServer = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/info') res.end(JSON.stringify({ meta: {}, response: { id: 'fake' } }));
      else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => beaconServer.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    // The suite's other files share the database: no peer of this file may stay registered.
    if (peerIds.length) await app?.get(DataSource).query('DELETE FROM peer WHERE id = ANY($1)', [peerIds]);
    await new Promise((r) => beaconServer?.close(r));
    await app?.close();
  });

  describe('users and roles', () => {
    const USERS = `{ users { id username name institution roles issuer subject external passwordSet invitationExpiresAt stewardOf } }`;

    it('lists users by name, institution and roles; refused to anyone but an administrator', async () => {
      const r = await gql<{
        users: { username: string; name: string; institution: string; roles: string[] }[];
      }>(base, USERS, {}, admin);
      expect(r.errors).toBeUndefined();
      const sam = r.data!.users.find((u) => u.username === steward.username)!;
      expect(sam).toMatchObject({ name: 'Sam Steward', institution: 'Node Hospital', roles: ['STEWARD'] });
      for (const who of [steward, researcher, compliance]) {
        const refused = await gql(base, USERS, {}, who);
        expect(codeOf(refused)).toBe('FORBIDDEN');
        expect(refused.errors![0].message).toMatch(/not allowed to read users/);
      }
      expect(codeOf(await gql(base, USERS))).toBe('UNAUTHENTICATED');
    });

    it('adds a user with a one-time invitation (audited without the token) that sets their password', async () => {
      const username = uniqueId('new');
      const r = await gql<{
        addUser: {
          token: string;
          expiresAt: string;
          user: { name: string; roles: string[]; passwordSet: boolean };
        };
      }>(
        base,
        `mutation($i: AddUserInput!) { addUser(input: $i) { token expiresAt user { name roles passwordSet invitationExpiresAt } } }`,
        { i: { username, displayName: 'Nina New', institution: 'University N', roles: ['RESEARCHER'] } },
        admin,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.addUser.user).toMatchObject({
        name: 'Nina New',
        roles: ['RESEARCHER'],
        passwordSet: false,
      });
      expect(r.data!.addUser.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [added] = await events('user.add', admin);
      expect(added.detail).toMatchObject({ username, roles: ['researcher'], institution: 'University N' });
      expect(JSON.stringify(added)).not.toContain(r.data!.addUser.token);
      const accepted = await fetch(`${base}/auth/invitation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: r.data!.addUser.token, password: 'a long enough passphrase 42' }),
      });
      expect(accepted.status).toBeLessThan(300);
      const after = await gql<{
        users: { username: string; passwordSet: boolean; invitationExpiresAt: string | null }[];
      }>(base, USERS, {}, admin);
      expect(after.data!.users.find((u) => u.username === username)).toMatchObject({
        passwordSet: true,
        invitationExpiresAt: null,
      });
      // A user the API cannot add is refused with its reason, and nothing is added.
      const bad = await gql(
        base,
        `mutation($i: AddUserInput!) { addUser(input: $i) { token } }`,
        { i: { username: 'Not Valid!', roles: ['RESEARCHER'] } },
        admin,
      );
      expect(codeOf(bad)).toBe('BAD_REQUEST');
      const taken = await gql(
        base,
        `mutation($i: AddUserInput!) { addUser(input: $i) { token } }`,
        { i: { username, roles: ['RESEARCHER'] } },
        admin,
      );
      expect(codeOf(taken)).toBe('CONFLICT');
      const refused = await gql(
        base,
        `mutation($i: AddUserInput!) { addUser(input: $i) { token } }`,
        { i: { username: uniqueId('sneaky'), roles: ['ADMIN'] } },
        steward,
      );
      expect(codeOf(refused)).toBe('FORBIDDEN');
    });

    it('grants and removes a role (audited, effective on the next request); refused for a non-admin, changing nothing', async () => {
      const target = await person(app, ['researcher'], 'Tom Target', 'University T');
      const me = `{ me { roles } }`;
      const granted = await gql<{ grantRole: { roles: string[] } }>(
        base,
        `mutation($u: String!) { grantRole(username: $u, role: STEWARD) { roles } }`,
        { u: target.username },
        admin,
      );
      expect(granted.errors).toBeUndefined();
      expect(granted.data!.grantRole.roles).toEqual(['RESEARCHER', 'STEWARD']);
      expect((await gql<{ me: { roles: string[] } }>(base, me, {}, target)).data!.me.roles).toEqual([
        'RESEARCHER',
        'STEWARD',
      ]);
      const [grant] = await events('user.role.grant', admin);
      expect(grant).toMatchObject({ outcome: 'allow', resource: `user:${target.username}` });
      expect(grant.detail).toMatchObject({
        role: 'steward',
        previousRoles: ['researcher'],
        roles: ['researcher', 'steward'],
      });

      const revoked = await gql<{ revokeRole: { roles: string[] } }>(
        base,
        `mutation($u: String!) { revokeRole(username: $u, role: RESEARCHER) { roles } }`,
        { u: target.username },
        admin,
      );
      expect(revoked.data!.revokeRole.roles).toEqual(['STEWARD']);
      expect((await events('user.role.revoke', admin))[0].detail).toMatchObject({
        role: 'researcher',
        roles: ['steward'],
      });

      // A steward may not give themselves (or anyone) a role: FORBIDDEN, audited as a refusal, nothing changes.
      const refused = await gql(
        base,
        `mutation($u: String!) { grantRole(username: $u, role: ADMIN) { roles } }`,
        { u: steward.username },
        steward,
      );
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/not allowed to update users \(your roles: steward\)/);
      expect((await gql<{ me: { roles: string[] } }>(base, me, {}, steward)).data!.me.roles).toEqual([
        'STEWARD',
      ]);
      const denied = await app
        .get(DataSource)
        .query(`SELECT outcome, reason FROM audit_event WHERE actor = $1 AND action LIKE '%grantRole%'`, [
          steward.subject,
        ]);
      expect(denied).toEqual([{ outcome: 'deny', reason: 'FORBIDDEN' }]);

      // The last role, and one's own admin role, are not removed.
      const last = await gql(
        base,
        `mutation($u: String!) { revokeRole(username: $u, role: STEWARD) { roles } }`,
        { u: target.username },
        admin,
      );
      expect(codeOf(last)).toBe('BAD_REQUEST');
      const second = await gql(
        base,
        `mutation($u: String!) { grantRole(username: $u, role: COMPLIANCE) { roles } }`,
        { u: admin.username },
        admin,
      );
      expect(second.errors).toBeUndefined();
      const own = await gql(
        base,
        `mutation($u: String!) { revokeRole(username: $u, role: ADMIN) { roles } }`,
        { u: admin.username },
        admin,
      );
      expect(codeOf(own)).toBe('CONFLICT');
      expect((await gql<{ me: { roles: string[] } }>(base, me, {}, admin)).data!.me.roles).toContain('ADMIN');
      const unknown = await gql(
        base,
        `mutation { grantRole(username: "nobody-at-all", role: STEWARD) { roles } }`,
        {},
        admin,
      );
      expect(codeOf(unknown)).toBe('NOT_FOUND');
    });
  });

  describe('stewards per dataset', () => {
    const STEWARDS = `query($id: ID) { stewardAssignments(datasetId: $id) { datasetId steward { name institution issuer subject } } }`;

    it('assigns and removes a steward (audited), lists them by name; refused to non-admins', async () => {
      const assign = await gql(
        base,
        `mutation($d: ID!, $s: String!, $i: String) { assignSteward(datasetId: $d, subject: $s, issuer: $i) }`,
        { d: datasetId, s: steward.subject, i: steward.issuer },
        admin,
      );
      expect(assign.errors).toBeUndefined();
      const listed = await gql<{ stewardAssignments: { datasetId: string; steward: unknown }[] }>(
        base,
        STEWARDS,
        { id: datasetId },
        admin,
      );
      expect(listed.data!.stewardAssignments).toEqual([
        {
          datasetId,
          steward: {
            name: 'Sam Steward',
            institution: 'Node Hospital',
            issuer: steward.issuer,
            subject: steward.subject,
          },
        },
      ]);
      // Every assignment, for an administrator only.
      const all = await gql<{ stewardAssignments: { datasetId: string }[] }>(base, STEWARDS, {}, admin);
      expect(all.data!.stewardAssignments.map((a) => a.datasetId)).toContain(datasetId);
      expect(codeOf(await gql(base, STEWARDS, {}, steward))).toBe('FORBIDDEN');
      // The dataset's own steward sees who stewards it; a researcher does not.
      expect((await gql(base, STEWARDS, { id: datasetId }, steward)).errors).toBeUndefined();
      expect(codeOf(await gql(base, STEWARDS, { id: datasetId }, researcher))).toBe('FORBIDDEN');
      const users = await gql<{ users: { username: string; stewardOf: string[] }[] }>(
        base,
        `{ users { username stewardOf } }`,
        {},
        admin,
      );
      expect(users.data!.users.find((u) => u.username === steward.username)!.stewardOf).toEqual([datasetId]);

      const UNASSIGN = `mutation($d: ID!, $s: String!, $i: String) { unassignSteward(datasetId: $d, subject: $s, issuer: $i) }`;
      const refused = await gql(
        base,
        UNASSIGN,
        { d: datasetId, s: steward.subject, i: steward.issuer },
        steward,
      );
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(
        (await gql<{ stewardAssignments: unknown[] }>(base, STEWARDS, { id: datasetId }, admin)).data!
          .stewardAssignments,
      ).toHaveLength(1);
      const removed = await gql(
        base,
        UNASSIGN,
        { d: datasetId, s: steward.subject, i: steward.issuer },
        admin,
      );
      expect(removed.errors).toBeUndefined();
      expect(
        (await gql<{ stewardAssignments: unknown[] }>(base, STEWARDS, { id: datasetId }, admin)).data!
          .stewardAssignments,
      ).toEqual([]);
      const [event] = await events('dataset.steward.remove', admin);
      expect(event.detail).toMatchObject({ steward: `${steward.issuer}#${steward.subject}` });
      const again = await gql(base, UNASSIGN, { d: datasetId, s: steward.subject, i: steward.issuer }, admin);
      expect(codeOf(again)).toBe('NOT_FOUND');
      // assigned again for the ingest history below
      await gql(
        base,
        `mutation($d: ID!, $s: String!) { assignSteward(datasetId: $d, subject: $s) }`,
        { d: datasetId, s: steward.subject },
        admin,
      );
    });
  });

  describe('ingest history', () => {
    const HISTORY = `query($id: ID!) { datasetIngestHistory(datasetId: $id) { file sha256 replace records altRows skipped individuals annotations seconds ingestedAt loadedBy { name institution } } }`;

    it('records every committed load with who loaded it; shown to the steward, refused to a researcher', async () => {
      await app.get(IngestService).ingestFile(datasetId, FIXTURE, {
        actor: `${admin.issuer}#${admin.subject}`,
        sha256: 'ab'.repeat(32),
      });
      // A failing load leaves no row.
      await expect(app.get(IngestService).ingestFile(datasetId, FIXTURE)).rejects.toThrow(
        /duplicate variant/,
      );
      const r = await gql<{
        datasetIngestHistory: {
          file: string;
          records: number;
          altRows: number;
          individuals: number;
          loadedBy: { name: string; institution: string } | null;
        }[];
      }>(base, HISTORY, { id: datasetId }, steward);
      expect(r.errors).toBeUndefined();
      const h = r.data!.datasetIngestHistory;
      expect(h).toHaveLength(1);
      expect(h[0]).toMatchObject({
        file: path.basename(FIXTURE),
        sha256: 'ab'.repeat(32),
        replace: false,
        individuals: 2,
        loadedBy: { name: 'Ada Admin', institution: 'Node Hospital' },
      });
      expect(h[0].records).toBeGreaterThan(0);
      expect(h[0].altRows).toBeGreaterThan(0);
      const refused = await gql(base, HISTORY, { id: datasetId }, researcher);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(
        /only the stewards of dataset .* and administrators see its ingest history \(your roles: researcher\)/,
      );
    });
  });

  describe('activity plots', () => {
    it('names the top actors by name and institution', async () => {
      const r = await gql<{
        auditActivity: {
          topActors: { actor: string; actorPerson: { name: string; institution: string } | null }[];
        };
      }>(
        base,
        `query($from: DateTime!, $to: DateTime!) { auditActivity(from: $from, to: $to) { topActors { actor actorPerson { name institution } } } }`,
        {
          from: startedAt.toISOString(),
          to: new Date(Date.now() + 60_000).toISOString(),
        },
        compliance,
      );
      expect(r.errors).toBeUndefined();
      const ada = r.data!.auditActivity.topActors.find((a) => a.actor === admin.subject);
      expect(ada?.actorPerson).toEqual({ name: 'Ada Admin', institution: 'Node Hospital' });
    });
  });

  describe('peers and their live status', () => {
    const STATUS = `{ peerStatus { peer { id kind status } status latencyMs message checkedAt } }`;

    it('probes each active peer now: ok, unreachable, not signed, disabled; refused to non-admins', async () => {
      const keys = app.get(NodeKeyService);
      const register = (input: Record<string, unknown>) =>
        gql(base, `mutation($i: RegisterPeerInput!) { registerPeer(input: $i) { id } }`, { i: input }, admin);
      // This node registered as its own peer: a real signed hello, answered and verified.
      peerIds.push(nodeId);
      expect(
        (
          await register({
            id: nodeId,
            baseUrl: base,
            issuer: keys.issuer,
            keyThumbprints: await keys.kids(),
            insecure: true,
          })
        ).errors,
      ).toBeUndefined();
      const closed = uniqueId('closed');
      peerIds.push(closed);
      await register({
        id: closed,
        baseUrl: 'http://127.0.0.1:9',
        issuer: 'https://closed.example',
        keyThumbprints: ['x'.repeat(43)],
        insecure: true,
      });
      const beacon = uniqueId('beacon');
      peerIds.push(beacon);
      const port = (beaconServer.address() as AddressInfo).port;
      await register({
        id: beacon,
        kind: 'beacon-v2',
        baseUrl: `http://127.0.0.1:${port}/api`,
        insecure: true,
      });
      const off = uniqueId('off');
      peerIds.push(off);
      await register({ id: off, kind: 'beacon-v2', baseUrl: `http://127.0.0.1:${port}/api`, insecure: true });
      expect(
        (await gql(base, `mutation($id: ID!) { disablePeer(id: $id) { status } }`, { id: off }, admin))
          .errors,
      ).toBeUndefined();

      const r = await gql<{
        peerStatus: {
          peer: { id: string };
          status: string;
          latencyMs: number | null;
          message: string | null;
        }[];
      }>(base, STATUS, {}, admin);
      expect(r.errors).toBeUndefined();
      const of = (id: string) => r.data!.peerStatus.find((p) => p.peer.id === id)!;
      expect(of(nodeId)).toMatchObject({ status: 'OK', message: 'signed hello answered and verified' });
      expect(of(closed).status).toBe('ERROR');
      expect(of(closed).message).toMatch(/unreachable/);
      expect(of(beacon)).toMatchObject({ status: 'OK', message: 'GET /info answered' });
      expect(of(beacon).latencyMs).toBeGreaterThan(0);
      expect(of(off)).toMatchObject({ status: 'DISABLED', latencyMs: null });
      expect(codeOf(await gql(base, STATUS, {}, steward))).toBe('FORBIDDEN');
    });
  });

  describe('node identity', () => {
    it('shows node id, certificate subject, fingerprint, expiry and signing key; refused to non-admins', async () => {
      const QUERY = `{ nodeIdentity { nodeId name issuer signingKeyId keyThumbprints certificate { subject issuer selfSigned sha256 notAfter daysLeft coversSigningKey } } }`;
      const before = await gql<{ nodeIdentity: { certificate: unknown } }>(base, QUERY, {}, admin);
      expect(before.errors).toBeUndefined();
      expect(before.data!.nodeIdentity.certificate).toBeNull();
      const id = await app.get(NodeIdentityService).init({ days: 30 });
      const r = await gql<{
        nodeIdentity: {
          nodeId: string;
          signingKeyId: string;
          keyThumbprints: string[];
          certificate: {
            subject: string;
            sha256: string;
            daysLeft: number;
            selfSigned: boolean;
            coversSigningKey: boolean;
          };
        };
      }>(base, QUERY, {}, admin);
      const n = r.data!.nodeIdentity;
      expect(n.nodeId).toBe(nodeId);
      expect(n.signingKeyId).toBe(n.keyThumbprints.at(-1));
      expect(n.certificate.subject).toContain(`CN=${nodeId}`);
      expect(n.certificate.sha256).toBe(id.certificateSha256);
      expect(n.certificate).toMatchObject({ selfSigned: true, coversSigningKey: true });
      expect(n.certificate.daysLeft).toBeGreaterThanOrEqual(29);
      expect(n.certificate.daysLeft).toBeLessThanOrEqual(30);
      expect(codeOf(await gql(base, QUERY, {}, researcher))).toBe('FORBIDDEN');
    });
  });
});
