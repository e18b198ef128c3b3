import { Injectable } from '@nestjs/common';
import type { ValidatedVisa } from '@helixgate/common';
import { NodeKeyService } from './node-key.service';

export interface NodeVisa {
  /** The visa holder: the `subject` of their Caller. */
  subject: string;
  type: ValidatedVisa['type'];
  value: string;
  /** GA4GH `by`: self, peer, system, so or dac. */
  by: 'self' | 'peer' | 'system' | 'so' | 'dac';
  expiresAt: Date;
  /** Default: this node's issuer URL. Must be it or a URL under it for this node to trust the visa. */
  source?: string;
  /** Default: a random UUID (record it to check revocation). */
  jti?: string;
  conditions?: unknown[][];
}

/** Signs GA4GH visas (`ga4gh_visa_v1`) as this node: `iss` = issuer, `asserted` now, ES256 node key. */
@Injectable()
export class VisaIssuerService {
  constructor(private readonly nodeKeys: NodeKeyService) {}

  issue(visa: NodeVisa): Promise<string> {
    const exp = Math.floor(visa.expiresAt.getTime() / 1000);
    return this.nodeKeys.sign(
      {
        ga4gh_visa_v1: {
          type: visa.type,
          asserted: Math.floor(Date.now() / 1000),
          value: visa.value,
          source: visa.source ?? this.nodeKeys.issuer,
          by: visa.by,
          ...(visa.conditions ? { conditions: visa.conditions } : {}),
        },
      },
      { subject: visa.subject, expiresIn: exp, jti: visa.jti },
    );
  }
}
