import {
  NodeIdentityService,
  PEER_REQUEST_TYP,
  bodyHash,
  thumbprintsOfCertificate,
} from '@helixgate/federation';
import { NodeKeyService } from '@helixgate/identity';
import forge from 'node-forge';
import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareNode, writePeers, type TestNode } from './support/nodes';

/** A throwaway institution CA that signs a node's CSR as a CA would (subject and SAN from the request). */
function caSign(csrPem: string): string {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const caSubject = [{ name: 'commonName', value: 'Test Institution CA' }];
  const csr = forge.pki.certificationRequestFromPem(csrPem);
  expect(csr.verify()).toBe(true);
  const cert = forge.pki.createCertificate();
  cert.publicKey = csr.publicKey!;
  cert.serialNumber = '02';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject(csr.subject.attributes);
  cert.setIssuer(caSubject);
  const ext = (csr.getAttribute({ name: 'extensionRequest' }) as { extensions: object[] }).extensions;
  cert.setExtensions(ext);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

describe('node identity: an X.509 certificate that binds the ES256 request-signing keys', () => {
  let a: TestNode;
  let b: TestNode;

  beforeAll(async () => {
    [a, b] = await Promise.all([prepareNode('node-ia'), prepareNode('node-ib')]);
  });
  afterAll(async () => {
    await Promise.all([a, b].map((n) => n.destroy()));
  });

  it('self-signs a certificate naming the issuer, the JWKS URL and every signing key thumbprint (RFC 9278 URIs)', async () => {
    await a.start();
    const id = await a.app!.get(NodeIdentityService).init();
    const cert = new X509Certificate(id.certificate!);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toContain('CN=node-ia');
    expect(cert.subjectAltName).toContain(`URI:${a.base}`);
    expect(cert.subjectAltName).toContain(`URI:${a.base}/.well-known/jwks.json`);
    expect(thumbprintsOfCertificate(cert)).toEqual(a.thumbprints);
    expect(id.certificateSha256).toBe(createHash('sha256').update(cert.raw).digest('hex'));
    expect(id.certificateCoversSigningKey).toBe(true);
    // Published for peers to pin.
    const published = (await (await fetch(`${a.base}/.well-known/helixgate-node`)).json()) as {
      certificateSha256: string;
    };
    expect(published.certificateSha256).toBe(id.certificateSha256);
    // The RSA identity key is private to the node.
    expect(fs.statSync(path.join(a.config.dataDir, 'node-identity-key.pem')).mode & 0o077).toBe(0);
    // After a rotation the certificate no longer covers the signing key until renewed.
    await a.app!.get(NodeKeyService).rotate();
    expect((await a.app!.get(NodeIdentityService).identity()).certificateCoversSigningKey).toBe(false);
    const renewed = await a.app!.get(NodeIdentityService).init({ renew: true });
    expect(renewed.certificateCoversSigningKey).toBe(true);
    expect(renewed.keyThumbprints).toHaveLength(2);
  });

  it('writes a CSR for an institution CA and imports only a certificate for its own key naming its signing key', async () => {
    const svc = a.app!.get(NodeIdentityService);
    const csrFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csr-')), 'node.csr.pem');
    await svc.init({ csrOut: csrFile });
    const issued = caSign(fs.readFileSync(csrFile, 'utf8'));
    const id = await svc.importCertificate(issued);
    expect(new X509Certificate(id.certificate!).issuer).toContain('CN=Test Institution CA');
    expect(id.certificateCoversSigningKey).toBe(true);
    // A certificate for another key (node B's) is refused.
    await b.start();
    const other = (await b.app!.get(NodeIdentityService).init()).certificate!;
    await expect(svc.importCertificate(other)).rejects.toThrow("not for this node's identity key");
    await b.stop();
  });

  it('lets a peer pin the node by its certificate fingerprint alone: requests signed by the keys it names are accepted', async () => {
    const ident = await a.app!.get(NodeIdentityService).identity();
    writePeers(b, [
      {
        id: a.id,
        base_url: a.base,
        issuer: a.base,
        certificate_sha256: ident.certificateSha256,
        insecure: true, // loopback plain HTTP
      },
    ]);
    await b.start();
    const body = {
      query: {
        assemblyId: 'GRCh37',
        referenceName: '1',
        start: 1,
        referenceBases: 'A',
        alternateBases: 'G',
        requestedGranularity: 'BOOLEAN',
      },
    };
    const send = async () => {
      const jws = await a
        .app!.get(NodeKeyService)
        .sign(
          { hg_body_sha256: bodyHash(body), hg_request_id: randomUUID() },
          { audience: b.id, expiresIn: Math.floor(Date.now() / 1000) + 30, typ: PEER_REQUEST_TYP },
        );
      return fetch(`${b.base}/federation/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-helixgate-signature': jws },
        body: JSON.stringify(body),
      });
    };
    const res = await send();
    // Accepted (B has no dataset: a signed empty answer, not a refusal of the peer).
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      node: b.id,
      exists: false,
      numTotalResults: null,
      returnedGranularity: 'BOOLEAN',
      resultSets: [],
      warnings: [], // the node's Beacon warnings travel in its signed answer (none here)
    });
    expect(res.headers.get('x-helixgate-answer-signature')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // A key the certificate does not name is not trusted, even though A publishes it.
    await a.app!.get(NodeKeyService).rotate();
    await b.stop();
    await b.start(); // fresh key cache
    const after = await send();
    expect(after.status).toBe(403);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('PEER_NOT_TRUSTED');
  });
});
