import * as path from 'node:path';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import type { EntityManager } from 'typeorm';
import type { AccessRequestEntity } from './access-request.entity';
import {
  COMMITTEES_FILE,
  loadCommitteePolicy,
  policyForDataset,
  type CommitteePolicy,
  type DatasetCommitteePolicy,
} from './committee-policy';
import { returnedRows } from '@helixgate/db';

export interface QuorumState {
  policy: DatasetCommitteePolicy;
  /** Whether the quorum governs this dataset's approvals (committee required, or members exist). */
  applies: boolean;
  members: number;
  approvals: number;
  rejections: number;
  abstentions: number;
  /** What an approval still lacks, in words (empty: the votes allow an approval). */
  missing: string[];
  met: boolean;
}

export interface ResearcherStatusState {
  required: DatasetCommitteePolicy['researcherStatus'];
  visa: boolean;
  attested: boolean;
  satisfied: boolean;
  /** What an approval lacks (null when satisfied). */
  missing: string | null;
}

const caller2ref = (c: Caller) => `${c.issuer ?? ''}#${c.subject ?? ''}`;

/**
 * The committee rules an approval must pass (policies/committees.yaml), checked inside the approval's
 * transaction against the votes as they are under the request's row lock: an approval the quorum does not
 * allow is refused (QUORUM_NOT_MET / RESEARCHER_STATUS_REQUIRED) and changes nothing.
 */
@Injectable()
export class CommitteeGate implements OnModuleInit {
  private policy: CommitteePolicy;

  constructor(private readonly config: HelixgateConfig) {}

  onModuleInit(): void {
    this.policy = loadCommitteePolicy(path.join(this.config.policiesDir, COMMITTEES_FILE));
  }

  policyFor(datasetId: string): DatasetCommitteePolicy {
    return policyForDataset(this.policy, datasetId);
  }

  /**
   * A resubmitted request is a new version: the committee's current votes were cast on the old one, so they
   * stop counting (kept, superseded, in the vote history) and the reviewers still asked vote again.
   * Returns how many votes were set aside.
   */
  async setVotesAsideForResubmission(m: EntityManager, requestId: string): Promise<number> {
    const raw: unknown = await m.query(
      `UPDATE access_vote SET superseded_at = now()
        WHERE request_id = $1 AND superseded_at IS NULL
        RETURNING id`,
      [requestId],
    );
    return returnedRows(raw).length;
  }

  async quorum(m: EntityManager, r: Pick<AccessRequestEntity, 'id' | 'datasetId'>): Promise<QuorumState> {
    const policy = this.policyFor(r.datasetId);
    const [{ n }] = await m.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM dac_member WHERE dataset_id = $1',
      [r.datasetId],
    );
    // Current votes of reviewers still asked and still on the committee.
    const rows = await m.query<{ vote: string; n: number }[]>(
      `SELECT v.vote, count(*)::int AS n
         FROM access_vote v
         JOIN access_review a ON a.request_id = v.request_id AND a.reviewer = v.reviewer AND a.removed_at IS NULL
         JOIN dac_member d ON d.dataset_id = $2 AND d.issuer || '#' || d.subject = v.reviewer
        WHERE v.request_id = $1 AND v.superseded_at IS NULL
        GROUP BY v.vote`,
      [r.id, r.datasetId],
    );
    const count = (v: string) => rows.find((x) => x.vote === v)?.n ?? 0;
    const approvals = count('APPROVE');
    const rejections = count('REJECT');
    const missing: string[] = [];
    const q = policy.quorum;
    if (policy.committee === 'required' && n === 0)
      missing.push(`dataset ${r.datasetId} requires a data access committee and has no members`);
    if (approvals < q.minApprovals)
      missing.push(`${q.minApprovals} approving vote(s) needed, ${approvals} cast`);
    if (rejections > q.maxRejections)
      missing.push(
        q.maxRejections === 0
          ? `${rejections} rejecting vote(s): the quorum allows no rejection`
          : `${rejections} rejecting votes: the quorum allows at most ${q.maxRejections}`,
      );
    return {
      policy,
      applies: policy.committee === 'required' || n > 0,
      members: n,
      approvals,
      rejections,
      abstentions: count('ABSTAIN'),
      missing,
      met: missing.length === 0,
    };
  }

  researcherStatus(
    r: Pick<AccessRequestEntity, 'datasetId' | 'researcherStatus' | 'researcherAttestedBy'>,
  ): ResearcherStatusState {
    const required = this.policyFor(r.datasetId).researcherStatus;
    const visa = !!r.researcherStatus?.visa;
    const attested = !!r.researcherAttestedBy;
    const satisfied =
      required === 'none' ||
      (required === 'visa' && visa) ||
      (required === 'attestation' && attested) ||
      (required === 'visa-or-attestation' && (visa || attested));
    const need = {
      none: '',
      visa: 'a ResearcherStatus (bona fide) visa presented with the request',
      attestation: 'a local attestation of researcher status by a steward or chair',
      'visa-or-attestation':
        'a ResearcherStatus (bona fide) visa presented with the request, or a local attestation of researcher status',
    }[required];
    return {
      required,
      visa,
      attested,
      satisfied,
      missing: satisfied ? null : `dataset ${r.datasetId} requires ${need}; the applicant has none`,
    };
  }

  /** Refuses an approval the dataset's committee rules do not allow (inside the approval's transaction). */
  async assertApprovable(tx: EntityManager, caller: Caller, r: AccessRequestEntity): Promise<void> {
    const status = this.researcherStatus(r);
    if (!status.satisfied) {
      throw new DomainError('RESEARCHER_STATUS_REQUIRED', `cannot approve: ${status.missing}`, {
        required: status.required,
      });
    }
    const q = await this.quorum(tx, r);
    if (!q.applies) return;
    const details = {
      approvals: q.approvals,
      rejections: q.rejections,
      minApprovals: q.policy.quorum.minApprovals,
      maxRejections: q.policy.quorum.maxRejections,
      chairRequired: q.policy.quorum.chairRequired,
    };
    if (q.policy.quorum.chairRequired) {
      const chair = await tx.query<unknown[]>(
        `SELECT 1 FROM dac_member WHERE dataset_id = $1 AND issuer || '#' || subject = $2 AND is_chair`,
        [r.datasetId, caller2ref(caller)],
      );
      if (chair.length === 0)
        throw new DomainError(
          'QUORUM_NOT_MET',
          `cannot approve access request ${r.id}: the quorum of dataset ${r.datasetId} requires a chair of its data access committee to decide`,
          details,
        );
    }
    if (!q.met)
      throw new DomainError(
        'QUORUM_NOT_MET',
        `cannot approve access request ${r.id}: the quorum of dataset ${r.datasetId} is not met (${q.missing.join('; ')})`,
        details,
      );
  }
}
