/**
 * @helixgate/ontology — OBO ontologies (MONDO today; HPO the same way) as read-only term stores.
 *
 * - `Ontology`: `has`, `term`, `label`, `parents`, `children`, `ancestors`, `descendants`,
 *   `isSameOrDescendant(id, ancestor)` and `resolve(curie)` (obsolete → replacement, DOID/ICD/OMIM/... →
 *   current terms through the release's exact cross-references). Indexes are built on first use.
 * - `OntologyService.get('MONDO')` (Nest) / `loadOntology(prefix, dataDir?)`: loaded once per process from
 *   `<HELIXGATE_DATA_DIR>/ontology/<prefix>.json.gz` when present, else from `libs/ontology/data/`.
 * - `importOntologyFile` (OBO, OBO Graph JSON or ODK reports; the parsers themselves are internal) and the
 *   derived file (`writeCompactFile`, `readCompactFile`), used by `helixgate ontology update`.
 * For a Beacon filter with `includeDescendantTerms`, expand a term with `[id, ...ontology.descendants(id)]`.
 */
export { Ontology, type OntologyRelease } from './ontology';
export { importOntologyFile, OntologyImportError } from './importers';
export { compactFileName, readCompactFile, shippedOntologyDir, writeCompactFile } from './compact-file';
export { loadOntology, nodeOntologyFile } from './ontology-loader';
export { OntologyService } from './ontology.service';
export { OntologyModule } from './ontology.module';
