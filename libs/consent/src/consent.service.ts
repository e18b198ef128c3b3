import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError } from '@helixgate/common';
import { OntologyService } from '@helixgate/ontology';
import { DatasetService } from '@helixgate/variants';
import { Repository, type EntityManager } from 'typeorm';
import { validateConsent, validatePurpose, type DuoConsentInput } from './consent-validation';
import { DatasetConsentEntity } from './dataset-consent.entity';
import { DiseaseHierarchy } from './disease-hierarchy';
import type { DuoConsent } from './duo-codes';
import { DUO_TERMS, type DuoTerm } from './duo-terms';
import { matchPurpose, type ConsentMatch } from './purpose-matcher';
import type { ResearchPurpose, ResearchPurposeInputShape } from './research-purpose';

/** A stored consent with its bookkeeping. */
export interface StoredConsent extends DuoConsent {
  datasetId: string;
  updatedBy: string;
  updatedAt: Date;
}

/** Who changes a consent: any object with a verified subject (a `Caller` fits). */
export interface ConsentActor {
  readonly subject: string | null;
}

/**
 * DUO consent of datasets and research-purpose matching. Authorisation (is the actor the dataset's steward?)
 * is the caller's job (`libs/access`); this service validates, stores and matches.
 */
@Injectable()
export class ConsentService {
  constructor(
    @InjectRepository(DatasetConsentEntity) private readonly consents: Repository<DatasetConsentEntity>,
    private readonly datasets: DatasetService,
    private readonly ontologies: OntologyService,
  ) {}

  /** MONDO is loaded on the first match (not at start-up) and cached per process; see `@helixgate/ontology`. */
  private get diseases(): DiseaseHierarchy {
    return new DiseaseHierarchy(this.ontologies.get('MONDO'));
  }

  /** The DUO catalogue (permissions, modifiers and their two grouping classes). */
  duoTerms(): readonly DuoTerm[] {
    return DUO_TERMS;
  }

  /** The MONDO release the matcher uses for DS (the node's copy if `helixgate ontology update` wrote one). */
  diseaseHierarchy(): DiseaseHierarchy {
    return this.diseases;
  }

  /**
   * Validates and stores (replaces) a dataset's consent. Throws INVALID_CONSENT naming each bad code,
   * UNKNOWN_DATASET when the dataset does not exist, UNAUTHENTICATED for an actor without a subject.
   */
  async setConsent(
    datasetId: string,
    consent: DuoConsentInput,
    actor: ConsentActor,
    manager?: EntityManager,
  ): Promise<StoredConsent> {
    if (!actor.subject)
      throw new DomainError('UNAUTHENTICATED', 'setting a consent needs an authenticated actor');
    const valid = validateConsent(consent);
    await this.datasets.getOrThrow(datasetId, manager);
    const consents = manager ? manager.getRepository(DatasetConsentEntity) : this.consents;
    await consents.upsert(
      {
        datasetId,
        permission: valid.permission,
        diseases: valid.diseases,
        modifiers: valid.modifiers,
        updatedBy: actor.subject,
        updatedAt: new Date(),
      },
      ['datasetId'],
    );
    return this.getConsentOrThrow(datasetId, manager);
  }

  /** The dataset's consent, or null when none was recorded. */
  async getConsent(datasetId: string, manager?: EntityManager): Promise<StoredConsent | null> {
    const row = await (manager ? manager.getRepository(DatasetConsentEntity) : this.consents).findOneBy({
      datasetId,
    });
    return row ? toStored(row) : null;
  }

  /** Consents of several datasets at once (datasets without one are absent from the map). */
  async getConsents(datasetIds: readonly string[]): Promise<Map<string, StoredConsent>> {
    if (datasetIds.length === 0) return new Map();
    const rows = await this.consents
      .createQueryBuilder('c')
      .where('c.dataset_id IN (:...ids)', { ids: [...new Set(datasetIds)] })
      .getMany();
    return new Map(rows.map((r) => [r.datasetId, toStored(r)]));
  }

  async getConsentOrThrow(datasetId: string, manager?: EntityManager): Promise<StoredConsent> {
    const consent = await this.getConsent(datasetId, manager);
    if (!consent)
      throw new DomainError('NOT_FOUND', `no consent is recorded for dataset "${datasetId}" (or no access)`);
    return consent;
  }

  /** Validates a research purpose (throws INVALID_CONSENT) and returns it normalised. */
  validatePurpose(purpose: ResearchPurposeInputShape): ResearchPurpose {
    return validatePurpose(purpose);
  }

  /** Matches a purpose against a consent (both validated here); pure, no I/O. */
  match(
    consent: DuoConsent | DuoConsentInput,
    purpose: ResearchPurpose | ResearchPurposeInputShape,
  ): ConsentMatch {
    return matchPurpose(validateConsent(consent), validatePurpose(purpose), this.diseases);
  }

  /** Matches a purpose against the stored consent of a dataset (NOT_FOUND when it has none). */
  async matchDataset(datasetId: string, purpose: ResearchPurposeInputShape): Promise<ConsentMatch> {
    const valid = validatePurpose(purpose);
    return matchPurpose(await this.getConsentOrThrow(datasetId), valid, this.diseases);
  }
}

/** A consent in one line, as the audit trail records a change: `DS(MONDO:0007254) IRB`, `HMB NPU`. */
export function consentSummary(c: DuoConsent | null): string | null {
  if (!c) return null;
  const permission = c.permission === 'DS' ? `DS(${c.diseases.join(', ')})` : c.permission;
  return [permission, ...c.modifiers.map((m) => m.code)].join(' ');
}

function toStored(row: DatasetConsentEntity): StoredConsent {
  return {
    datasetId: row.datasetId,
    permission: row.permission,
    diseases: row.diseases,
    modifiers: row.modifiers,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}
