import { Injectable } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { DatasetAccessService } from '@helixgate/access';
import type { DatasetEntity } from '@helixgate/variants';
import { GENE_QUERY_DEFAULT_ASSEMBLY } from '../beacon-gene-query';
import { parseAssembly } from '../beacon-query';
import { BeaconService } from '../beacon.service';
import { MAX_LIMIT, toEngineQuery, type BeaconRestRequest } from './beacon-request';
import { BEACON_API_VERSION, beaconIdFor } from '../beacon-wire';
import {
  ENTRY_SCHEMAS,
  informationalMeta,
  page,
  responseMeta,
  returnedSchemas,
  variantResponse,
  type EntryTypeId,
} from './beacon-response';

const SPEC_SCHEMA_BASE = 'https://raw.githubusercontent.com/ga4gh-beacon/beacon-v2/main/';

const ENTRY_TYPES: Record<
  EntryTypeId,
  { name: string; ontology: { id: string; label: string }; schemaPath: string; description: string }
> = {
  genomicVariant: {
    name: 'Genomic Variants',
    ontology: { id: 'ENSGLOSSARY:0000092', label: 'Variant' },
    schemaPath: 'models/json/beacon-v2-default-model/genomicVariations/defaultSchema.json',
    description: 'Sequence and structural variants of the datasets, queried by position, range or allele.',
  },
  dataset: {
    name: 'Datasets',
    ontology: { id: 'NCIT:C47824', label: 'Data set' },
    schemaPath: 'models/json/beacon-v2-default-model/datasets/defaultSchema.json',
    description: 'The datasets of this node that the caller may query.',
  },
  individual: {
    name: 'Individuals',
    ontology: { id: 'NCIT:C25190', label: 'Person' },
    schemaPath: 'models/json/beacon-v2-default-model/individuals/defaultSchema.json',
    description: 'Participants. Record-level data, served only under a ControlledAccessGrants visa.',
  },
};

/** The Beacon v2 REST face: shapes the engine's answers and the node's metadata as Beacon responses. */
@Injectable()
export class BeaconRestService {
  readonly beaconId: string;

  constructor(
    private readonly beacon: BeaconService,
    private readonly datasets: DatasetAccessService,
    private readonly config: HelixgateConfig,
  ) {
    this.beaconId = beaconIdFor(config.vars.HELIXGATE_NODE_ID);
  }

  private get environment(): 'prod' | 'test' | 'dev' {
    const env = process.env.NODE_ENV ?? 'production';
    return env === 'production' ? 'prod' : env === 'test' ? 'test' : 'dev';
  }

  info() {
    const v = this.config.vars;
    return {
      meta: informationalMeta(this.beaconId),
      response: {
        id: this.beaconId,
        name: v.HELIXGATE_NODE_NAME,
        apiVersion: BEACON_API_VERSION,
        environment: this.environment,
        organization: { id: v.HELIXGATE_NODE_ID, name: v.HELIXGATE_NODE_NAME },
        description: 'Helixgate: privacy-preserving genomic variant queries (GA4GH Beacon v2 and GraphQL).',
        version: process.env.npm_package_version ?? '0.1.0',
      },
    };
  }

  /** GA4GH service-info 1.0 for the Beacon API (the node-level one is served at /service-info). */
  serviceInfo(baseUrl: string) {
    const v = this.config.vars;
    return {
      id: this.beaconId,
      name: v.HELIXGATE_NODE_NAME,
      type: { group: 'org.ga4gh', artifact: 'beacon', version: BEACON_API_VERSION.slice(1) },
      description: 'Helixgate: privacy-preserving genomic variant queries (GA4GH Beacon v2 and GraphQL).',
      organization: { name: v.HELIXGATE_NODE_NAME, url: baseUrl },
      version: process.env.npm_package_version ?? '0.1.0',
      environment: this.environment,
    };
  }

  private entryTypes() {
    return Object.fromEntries(
      (Object.keys(ENTRY_TYPES) as EntryTypeId[]).map((id) => {
        const e = ENTRY_TYPES[id];
        return [
          id,
          {
            id,
            name: e.name,
            description: e.description,
            ontologyTermForThisType: e.ontology,
            partOfSpecification: 'Beacon v2.0.0',
            defaultSchema: {
              id: ENTRY_SCHEMAS[id],
              name: `Default schema for ${e.name.toLowerCase()}`,
              referenceToSchemaDefinition: SPEC_SCHEMA_BASE + e.schemaPath,
              schemaVersion: 'v2.0.0',
            },
            nonFilteredQueriesAllowed: id === 'dataset',
          },
        ];
      }),
    );
  }

  configuration() {
    return {
      meta: informationalMeta(this.beaconId),
      response: {
        $schema: `${SPEC_SCHEMA_BASE}framework/json/configuration/beaconConfigurationSchema.json`,
        maturityAttributes: {
          productionStatus: ({ prod: 'PROD', test: 'TEST', dev: 'DEV' } as const)[this.environment],
        },
        securityAttributes: {
          defaultGranularity: 'boolean',
          securityLevels: ['PUBLIC', 'REGISTERED', 'CONTROLLED'],
        },
        entryTypes: this.entryTypes(),
      },
    };
  }

  entryTypesResponse() {
    return { meta: informationalMeta(this.beaconId), response: { entryTypes: this.entryTypes() } };
  }

  map(baseUrl: string) {
    const api = `${baseUrl}/api`;
    return {
      meta: informationalMeta(this.beaconId),
      response: {
        $schema: `${SPEC_SCHEMA_BASE}framework/json/configuration/beaconMapSchema.json`,
        endpointSets: {
          genomicVariant: {
            entryType: 'genomicVariant',
            rootUrl: `${api}/g_variants`,
            singleEntryUrl: `${api}/g_variants/{id}`,
          },
          dataset: {
            entryType: 'dataset',
            rootUrl: `${api}/datasets`,
            singleEntryUrl: `${api}/datasets/{id}`,
          },
          individual: {
            entryType: 'individual',
            rootUrl: `${api}/individuals`,
            singleEntryUrl: `${api}/individuals/{id}`,
          },
        },
      },
    };
  }

  /** No filtering terms are offered (yet): a request with filters is refused, never half-answered. */
  filteringTerms() {
    return { meta: informationalMeta(this.beaconId), response: { filteringTerms: [], resources: [] } };
  }

  private collection(d: DatasetEntity) {
    return {
      id: d.id,
      name: d.name,
      description: d.description,
      createDateTime: d.createdAt.toISOString(),
      updateDateTime: d.updatedAt.toISOString(),
      info: {
        assemblyId: d.assembly,
        securityLevel: d.securityLevel,
        individualCount: d.individualCount,
        variantCount: d.variantCount,
      },
    };
  }

  /**
   * `/datasets` and `/datasets/{id}`: the datasets as this caller may see them, by the same rule and the
   * same service as the GraphQL `datasets` / `dataset` queries (libs/access, filtered in SQL). An unknown
   * id and one the caller may not see get the same UNKNOWN_DATASET "not found or no access".
   */
  async datasetsResponse(caller: Caller, req: BeaconRestRequest, id?: string) {
    const chosen =
      id === undefined ? await this.datasets.list(caller) : [await this.datasets.getVisible(caller, id)];
    return {
      meta: responseMeta(this.beaconId, req, 'record', returnedSchemas('dataset')),
      responseSummary: { exists: chosen.length > 0, numTotalResults: chosen.length },
      response: { collections: page(chosen, req.pagination, MAX_LIMIT).map((d) => this.collection(d)) },
      info: { requestId: caller.requestId },
    };
  }

  /** `/g_variants`: one call to the engine, which applies identity, granularity, privacy and audit rules. */
  async variants(caller: Caller, req: BeaconRestRequest, baseUrl: string) {
    const query = toEngineQuery(req);
    const answer = await this.beacon.query(caller, query);
    // The engine validated the assembly: records are placed on its RefSeq sequences.
    const records = {
      assembly: parseAssembly(query.assemblyId || GENE_QUERY_DEFAULT_ASSEMBLY),
      datasetsUrl: `${baseUrl}/api/datasets`,
    };
    return variantResponse(this.beaconId, req, answer, caller.requestId, records);
  }

  /**
   * `/individuals`: record-level data. No caller may see records until access control grants them, so
   * this refuses: 401 for an anonymous caller, 403 for an authenticated one (never an empty result).
   */
  individuals(caller: Caller): never {
    if (caller.subject === null) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'individual records need an authenticated caller with a ControlledAccessGrants visa for the dataset',
      );
    }
    throw new DomainError(
      'FORBIDDEN',
      'individual records need a ControlledAccessGrants visa for the dataset; none grants record access here',
    );
  }
}
