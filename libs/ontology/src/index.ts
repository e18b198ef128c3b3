/**
 * @helixgate/ontology — OBO ontologies (MONDO today; HPO the same way) as read-only term stores.
 *
 * - `Ontology`: `has`, `term`, `label`, `parents`, `children`, `ancestors`, `descendants`,
 *   `isSameOrDescendant(id, ancestor)` and `resolve(curie)` (obsolete → replacement, DOID/ICD/OMIM/... →
 *   current terms through the release's exact cross-references). Indexes are built on first use.
 * - `OntologyService.get('MONDO')` (Nest) / `loadOntology(prefix, dataDir?)`: loaded once per process from
 *   `<HELIXGATE_DATA_DIR>/ontology/<prefix>.json.gz` when present, else from `libs/ontology/data/`.
 * - Importers (`parseObo`, `parseOboGraphJson`, `parseOdkReports`, `importOntologyFile`) and the derived file
 *   (`toCompact` / `writeCompactFile`), used by `helixgate ontology update`.
 * For a Beacon filter with `includeDescendantTerms`, expand a term with `[id, ...ontology.descendants(id)]`.
 */
export * from './ontology';
export * from './importers';
export * from './compact-file';
export * from './ontology-loader';
export * from './ontology.service';
export * from './ontology.module';
