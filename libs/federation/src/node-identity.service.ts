import { Injectable } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { NodeKeyService } from '@helixgate/identity';
import forge from 'node-forge';
import {
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JWK_THUMBPRINT_URI, thumbprintsOfCertificate } from './peer-keys.service';

/** What an operator hands to other nodes' operators (out of band) to be registered as their peer. */
export interface NodeIdentity {
  nodeId: string;
  name: string;
  issuer: string;
  baseUrl: string;
  jwksUri: string;
  /** RFC 7638 thumbprints of the ES256 request-signing keys (the last one signs). */
  keyThumbprints: string[];
  /** The node certificate (PEM), if one was created or imported. */
  certificate: string | null;
  /** SHA-256 fingerprint (hex) of the certificate's DER. */
  certificateSha256: string | null;
  /** Whether the certificate names the current signing key (after a key rotation it must be renewed). */
  certificateCoversSigningKey: boolean;
}

export interface InitOptions {
  /** Write a CSR for an institution CA here instead of self-signing. */
  csrOut?: string;
  /** Replace an existing certificate (e.g. after a signing-key rotation). */
  renew?: boolean;
  /** Organisation (O) in the subject. */
  organization?: string;
  /** Certificate validity in days (self-signed). */
  days?: number;
}

/**
 * The node's X.509 identity. node-forge signs only with RSA, and the request-signing key is ES256 (jose):
 * the node holds an RSA-2048 identity key whose certificate (self-signed, or issued by an institution CA
 * from a CSR) BINDS the ES256 keys by naming them in its subjectAltName as RFC 9278 JWK thumbprint URIs
 * (`urn:ietf:params:oauth:jwk-thumbprint:sha-256:<thumbprint>`), next to the node's issuer URL and JWKS URL.
 * A peer that pins the certificate's fingerprint therefore trusts exactly the keys it names.
 *
 * Files in HELIXGATE_DATA_DIR: node-identity-key.pem (0600), node-certificate.pem, node-csr.pem.
 */
@Injectable()
export class NodeIdentityService {
  private readonly keyFile: string;
  private readonly certFile: string;

  constructor(
    private readonly config: HelixgateConfig,
    private readonly nodeKeys: NodeKeyService,
  ) {
    this.keyFile = path.join(config.dataDir, 'node-identity-key.pem');
    this.certFile = path.join(config.dataDir, 'node-certificate.pem');
  }

  get baseUrl(): string {
    return this.nodeKeys.issuer.replace(/\/+$/, '');
  }

  /**
   * Ensures the ES256 signing key and the RSA identity key, then writes a self-signed certificate (unless one
   * exists and `renew` is false) or, with `csrOut`, a CSR for the institution CA. Returns the identity.
   */
  async init(opts: InitOptions = {}): Promise<NodeIdentity> {
    const kids = await this.nodeKeys.kids(); // creates the signing key on first use
    const key = this.identityKey();
    const subject = this.subject(opts.organization);
    const altNames = this.altNames(kids);
    if (opts.csrOut) {
      const csr = forge.pki.createCertificationRequest();
      csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
      csr.setSubject(subject);
      csr.setAttributes([{ name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames }] }]);
      csr.sign(key, forge.md.sha256.create());
      fs.writeFileSync(opts.csrOut, forge.pki.certificationRequestToPem(csr));
    } else if (opts.renew || !fs.existsSync(this.certFile)) {
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
      cert.serialNumber = `01${createHash('sha256').update(`${Date.now()}${Math.random()}`).digest('hex').slice(0, 30)}`;
      cert.validity.notBefore = new Date(Date.now() - 60_000);
      cert.validity.notAfter = new Date(Date.now() + (opts.days ?? 365) * 86_400_000);
      cert.setSubject(subject);
      cert.setIssuer(subject);
      cert.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'subjectAltName', altNames },
        { name: 'subjectKeyIdentifier' },
      ]);
      cert.sign(key, forge.md.sha256.create());
      fs.writeFileSync(this.certFile, forge.pki.certificateToPem(cert));
    }
    return this.identity();
  }

  /**
   * Installs a certificate issued by a CA for this node's CSR: it must be for this node's identity key and
   * name its current signing key, or it is refused.
   */
  async importCertificate(pem: string): Promise<NodeIdentity> {
    const cert = new X509Certificate(pem);
    this.identityKey(); // created if absent
    const ours = createPublicKey(createPrivateKey(fs.readFileSync(this.keyFile)));
    if (
      !cert.publicKey
        .export({ type: 'spki', format: 'der' })
        .equals(ours.export({ type: 'spki', format: 'der' }))
    ) {
      throw new Error("the certificate is not for this node's identity key (node-identity-key.pem)");
    }
    const kids = await this.nodeKeys.kids();
    if (!thumbprintsOfCertificate(cert).includes(kids.at(-1)!)) {
      throw new Error(
        'the certificate does not name the current signing key; create a new CSR (node init --csr)',
      );
    }
    fs.writeFileSync(this.certFile, cert.toString());
    return this.identity();
  }

  async identity(): Promise<NodeIdentity> {
    const kids = await this.nodeKeys.kids();
    const pem = fs.existsSync(this.certFile) ? fs.readFileSync(this.certFile, 'utf8') : null;
    const cert = pem ? new X509Certificate(pem) : null;
    return {
      nodeId: this.config.vars.HELIXGATE_NODE_ID,
      name: this.config.vars.HELIXGATE_NODE_NAME,
      issuer: this.nodeKeys.issuer,
      baseUrl: this.baseUrl,
      jwksUri: `${this.baseUrl}/.well-known/jwks.json`,
      keyThumbprints: kids,
      certificate: pem,
      certificateSha256: cert ? createHash('sha256').update(cert.raw).digest('hex') : null,
      certificateCoversSigningKey: cert ? thumbprintsOfCertificate(cert).includes(kids.at(-1)!) : false,
    };
  }

  /** The RSA identity key, created (node:crypto, mode 0600) on first use; handed to forge for signing. */
  private identityKey(): forge.pki.rsa.PrivateKey {
    if (!fs.existsSync(this.keyFile)) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      fs.mkdirSync(path.dirname(this.keyFile), { recursive: true });
      try {
        fs.writeFileSync(this.keyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }), {
          flag: 'wx',
          mode: 0o600,
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const pem = createPrivateKey(fs.readFileSync(this.keyFile))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
    return forge.pki.privateKeyFromPem(pem);
  }

  private subject(organization?: string): forge.pki.CertificateField[] {
    return [
      { name: 'commonName', value: this.config.vars.HELIXGATE_NODE_ID },
      { name: 'organizationName', value: organization ?? this.config.vars.HELIXGATE_NODE_NAME },
    ];
  }

  /** SAN URIs: issuer, JWKS URL and one RFC 9278 thumbprint URI per published ES256 key. */
  private altNames(kids: string[]) {
    const uri = (value: string) => ({ type: 6, value });
    return [
      uri(this.nodeKeys.issuer),
      uri(`${this.baseUrl}/.well-known/jwks.json`),
      ...kids.map((k) => uri(`${JWK_THUMBPRINT_URI}${k}`)),
    ];
  }
}
