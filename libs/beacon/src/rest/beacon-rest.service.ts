import { Injectable, StreamableFile } from '@nestjs/common';
import { DomainError, type Caller } from '@helixgate/common';
import { HelixgateConfig } from '@helixgate/config';
import { DatasetAccessService } from '@helixgate/access';
import type { DatasetEntity, IndividualRecord } from '@helixgate/variants';
import {
  BeaconIndividualsService,
  type IndividualsAnswer,
  type IndividualsResult,
} from '../beacon-individuals.service';
import { GENE_QUERY_DEFAULT_ASSEMBLY } from '../beacon-gene-query';
import { parseAssembly } from '../beacon-query';
import { BeaconService, RECORD_LIMIT } from '../beacon.service';
import {
  MAX_LIMIT,
  pageServed,
  refuseUnserved,
  toEngineQuery,
  type BeaconRestRequest,
  type InformationalRequest,
} from './beacon-request';
import {
  BEACON_API_VERSION,
  beaconApiVersionOf,
  beaconIdFor,
  type BeaconApiVersion,
  engineGranularity,
  includesResultSet,
  wireGranularity,
} from '../beacon-wire';
import {
  countLabel,
  ENTRY_SCHEMAS,
  informationalMeta,
  servedVersion,
  sumLabel,
  page,
  responseMeta,
  returnedSchemas,
  variantResponse,
  variantResponseJson,
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
    description:
      'Participants: sex, ancestry, diseases and phenotypic features (the filtering terms). Counts per dataset under the privacy policy; records only with a grant or a ControlledAccessGrants visa.',
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
    private readonly individualsEngine: BeaconIndividualsService,
  ) {
    this.beaconId = beaconIdFor(config.vars.HELIXGATE_NODE_ID);
  }

  private get environment(): 'prod' | 'test' | 'dev' {
    const env = this.config.vars.NODE_ENV;
    return env === 'production' ? 'prod' : env === 'test' ? 'test' : 'dev';
  }

  info(version: BeaconApiVersion) {
    const v = this.config.vars;
    return {
      meta: informationalMeta(this.beaconId, version),
      response: {
        id: this.beaconId,
        name: v.HELIXGATE_NODE_NAME,
        apiVersion: version,
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
            nonFilteredQueriesAllowed: true,
          },
        ];
      }),
    );
  }

  configuration(version: BeaconApiVersion) {
    return {
      meta: informationalMeta(this.beaconId, version),
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

  entryTypesResponse(version: BeaconApiVersion) {
    return { meta: informationalMeta(this.beaconId, version), response: { entryTypes: this.entryTypes() } };
  }

  map(baseUrl: string, version: BeaconApiVersion) {
    const api = `${baseUrl}/api`;
    return {
      meta: informationalMeta(this.beaconId, version),
      response: {
        $schema: `${SPEC_SCHEMA_BASE}framework/json/configuration/beaconMapSchema.json`,
        endpointSets: {
          genomicVariant: {
            entryType: 'genomicVariant',
            rootUrl: `${api}/g_variants`,
            singleEntryUrl: `${api}/g_variants/{id}`,
            filteringTermsUrl: `${api}/filtering_terms`,
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
            filteringTermsUrl: `${api}/filtering_terms`,
          },
        },
      },
    };
  }

  /**
   * The filtering terms present in the datasets this caller may query (terms of individuals: sex,
   * ancestry, diseases, phenotypic features), with their labels, and the ontologies they come from.
   */
  async filteringTerms(caller: Caller, req: InformationalRequest) {
    const version = beaconApiVersionOf(req.apiVersion);
    const datasets = (await this.beacon.queryableDatasets(caller)).map((d) => d.id);
    const present = datasets.length ? await this.beacon.presentTerms(datasets) : [];
    const terms = new Map<string, { id: string; label: string; prefix: string }>();
    for (const t of present)
      if (!terms.has(t.id))
        terms.set(t.id, { id: t.id, label: t.label, prefix: t.id.slice(0, t.id.indexOf(':')) });
    const prefixes = [...new Set([...terms.values()].map((t) => t.prefix))].sort();
    return {
      meta: informationalMeta(this.beaconId, version),
      response: {
        // Every term unless the request pages them (`skip` pages of `limit`, limit 0 or above MAX_LIMIT:
        // MAX_LIMIT); `resources` always lists every ontology present.
        filteringTerms: (req.pagination
          ? page([...terms.values()], req.pagination, MAX_LIMIT)
          : [...terms.values()]
        ).map((t) => ({
          type: ONTOLOGY_RESOURCES[t.prefix]?.name ?? t.prefix,
          id: t.id,
          label: t.label,
          scopes: ['individual', 'genomicVariation'],
        })),
        resources: prefixes.map((p) => this.resource(p)),
      },
    };
  }

  private resource(prefix: string) {
    const known = ONTOLOGY_RESOURCES[prefix];
    const version = this.beacon.ontologyOf(prefix)?.meta.version;
    return {
      id: prefix.toLowerCase(),
      name: known?.name ?? prefix,
      namespacePrefix: prefix,
      ...(known ? { url: known.url, iriPrefix: known.iriPrefix } : {}),
      ...(version ? { version } : {}),
    };
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
  async datasetsResponse(caller: Caller, asked: BeaconRestRequest, id?: string) {
    const req = pageServed(refuseUnserved(asked, 'dataset'), MAX_LIMIT);
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
  async variants(caller: Caller, asked: BeaconRestRequest, baseUrl: string) {
    const req = pageServed(refuseUnserved(asked, 'genomicVariant'), RECORD_LIMIT);
    const query = toEngineQuery(req);
    // The engine decrypts (and audits) only the page of records the request asks for.
    const answer = await this.beacon.query(caller, query, { recordPage: req.pagination });
    // The engine validated the assembly: records are placed on its RefSeq sequences.
    const records = {
      assembly: parseAssembly(query.assemblyId || GENE_QUERY_DEFAULT_ASSEMBLY),
      datasetsUrl: `${baseUrl}/api/datasets`,
    };
    if (answer.returnedGranularity !== 'RECORD')
      return variantResponse(this.beaconId, req, answer, caller.requestId, records);
    // A record answer is megabytes of JSON (100 variants x 2,500 individuals: ~3.9 MiB): written as text
    // by hand and sent as one buffer, not as an object Express stringifies and hashes for an ETag.
    const json = variantResponseJson(this.beaconId, req, answer, caller.requestId, records);
    return new StreamableFile(json, { type: 'application/json; charset=utf-8' });
  }

  /**
   * `/individuals`: per dataset the individuals matching the filters, counted under the privacy policy
   * (count granularity at most without a grant); records for callers with record access.
   */
  async individualsResponse(caller: Caller, asked: BeaconRestRequest) {
    const req = pageServed(refuseUnserved(asked, 'individual'), MAX_LIMIT);
    const answer = await this.individualsEngine.query(caller, {
      datasetIds: req.parameters.datasetIds ?? null,
      filters: req.filters.length ? req.filters : null,
      requestedGranularity: engineGranularity(req.requestedGranularity),
    });
    return individualsResponse(this.beaconId, req, answer, caller.requestId);
  }

  /** `/individuals/{id}`: one individual's record, for a caller with record access to its dataset. */
  async individual(caller: Caller, req: BeaconRestRequest, id: string) {
    refuseUnserved(req, 'individual');
    const answer = await this.individualsEngine.query(caller, {
      datasetIds: req.parameters.datasetIds ?? null,
      filters: req.filters.length ? req.filters : null,
      requestedGranularity: 'RECORD',
    });
    const granted = answer.resultSets.filter((r) => r.granularity === 'RECORD');
    if (granted.length === 0) this.individuals(caller);
    // The answer is about this one individual: its result sets count what they return (1), not the
    // dataset's individuals the lookup went through.
    const sets = granted
      .map((r) => {
        const records = (r.records ?? []).filter((x) => x.id === id);
        const count = { value: records.length, precision: 'exact' as const, adjustedTo: null };
        return { ...r, records, count, recordsTruncated: false };
      })
      .filter((r) => r.records.length > 0);
    return individualsResponse(
      this.beaconId,
      { ...req, requestedGranularity: 'record' },
      { ...answer, exists: sets.length > 0, returnedGranularity: 'RECORD', resultSets: sets },
      caller.requestId,
    );
  }

  /** Refusal of records to a caller without record access: 401 anonymous, 403 authenticated. */
  individuals(caller: Caller): never {
    if (caller.subject === null) {
      throw new DomainError(
        'UNAUTHENTICATED',
        'individual records need an authenticated caller with a ControlledAccessGrants visa for the dataset',
      );
    }
    throw new DomainError(
      'FORBIDDEN',
      'individual records need a grant or a ControlledAccessGrants visa for the dataset; you have no record access to any dataset asked (ask at count granularity for counts)',
    );
  }
}

/** The ontologies of the filtering terms (Beacon `resources`, after the Phenopackets Resource). */
const ONTOLOGY_RESOURCES: Record<string, { name: string; url: string; iriPrefix: string }> = {
  NCIT: {
    name: 'NCI Thesaurus OBO Edition',
    url: 'http://purl.obolibrary.org/obo/ncit.owl',
    iriPrefix: 'http://purl.obolibrary.org/obo/NCIT_',
  },
  HANCESTRO: {
    name: 'Human Ancestry Ontology',
    url: 'http://purl.obolibrary.org/obo/hancestro.owl',
    iriPrefix: 'http://purl.obolibrary.org/obo/HANCESTRO_',
  },
  MONDO: {
    name: 'Mondo Disease Ontology',
    url: 'http://purl.obolibrary.org/obo/mondo.owl',
    iriPrefix: 'http://purl.obolibrary.org/obo/MONDO_',
  },
  HP: {
    name: 'Human Phenotype Ontology',
    url: 'http://purl.obolibrary.org/obo/hp.owl',
    iriPrefix: 'http://purl.obolibrary.org/obo/HP_',
  },
};

/** A stored individual as a Beacon v2 individual record (default model: id, sex, ethnicity, diseases, ...). */
export function beaconIndividual(r: IndividualRecord) {
  return {
    id: r.id,
    sex: r.sex ?? { id: 'NCIT:C17998', label: 'unknown' },
    ...(r.ancestry.length ? { ethnicity: r.ancestry[0] } : {}),
    ...(r.diseases.length ? { diseases: r.diseases.map((d) => ({ diseaseCode: d })) } : {}),
    ...(r.phenotypicFeatures.length
      ? { phenotypicFeatures: r.phenotypicFeatures.map((p) => ({ featureType: p })) }
      : {}),
    ...(r.ancestry.length > 1 ? { info: { ancestry: r.ancestry } } : {}),
  };
}

/** How a dataset's count of individuals was released (floored or rounded per the privacy policy). */
const individualsLabel = (r: IndividualsResult) => countLabel(r.count?.precision, r.count?.adjustedTo);

function individualsSet(r: IndividualsResult, req: BeaconRestRequest) {
  // Beacon v2.2 puts these on the result set: how resultsCount (individuals) was released. v2.2's
  // countAdjustedTo is a list; v2.1.1 answers keep the single number they always carried.
  const label =
    servedVersion(req) === 'v2.2.0'
      ? individualsLabel(r)
      : {
          countPrecision: r.count?.precision ?? 'exact',
          ...(r.count?.adjustedTo != null ? { countAdjustedTo: r.count.adjustedTo } : {}),
        };
  return {
    id: r.datasetId,
    setType: 'dataset',
    exists: r.exists,
    resultsCount: r.count?.value ?? 0,
    ...label,
    results: r.records ? page(r.records, req.pagination, MAX_LIMIT).map(beaconIndividual) : [],
    ...(r.recordsTruncated ? { info: { recordsTruncated: true } } : {}),
  };
}

/** `/individuals` as a Beacon boolean, count or result-sets response (as /g_variants). */
export function individualsResponse(
  beaconId: string,
  req: BeaconRestRequest,
  answer: IndividualsAnswer,
  requestId: string,
) {
  const granularity = wireGranularity(answer.returnedGranularity);
  const meta = responseMeta(beaconId, req, granularity, returnedSchemas('individual'));
  const info = { requestId, ...(answer.warnings.length ? { warnings: answer.warnings } : {}) };
  if (granularity === 'boolean') return { meta, responseSummary: { exists: answer.exists }, info };
  const sets = answer.resultSets.filter((r) => includesResultSet(r.exists, req.includeResultsetResponses));
  const total = answer.resultSets.reduce((n, r) => n + (r.count?.value ?? 0), 0);
  const label =
    servedVersion(req) === 'v2.2.0'
      ? sumLabel(answer.resultSets.filter((r) => r.count).map(individualsLabel))
      : {};
  return {
    meta,
    responseSummary: { exists: answer.exists, numTotalResults: total, ...label },
    ...(req.includeResultsetResponses === 'NONE'
      ? {}
      : {
          response: {
            resultSets: sets.map((r) =>
              granularity === 'record' ? individualsSet(r, req) : { ...individualsSet(r, req), results: [] },
            ),
          },
        }),
    info,
  };
}
