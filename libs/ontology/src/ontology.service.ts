import { Injectable, Optional } from '@nestjs/common';
import { HelixgateConfig } from '@helixgate/config';
import { loadOntology, type LoadedOntology } from './ontology-loader';
import type { Ontology } from './ontology';

/**
 * Ontologies for the node's services (the DUO matcher's MONDO; Beacon filters later): loaded on first use
 * and cached per process, from the node's data directory when `helixgate ontology update` wrote a copy there,
 * else from the installation. Without a configuration (unit tests) only the shipped copy is used.
 */
@Injectable()
export class OntologyService {
  constructor(@Optional() private readonly config?: HelixgateConfig) {}

  /** The ontology with this prefix (`MONDO`, `HP`); throws when none is installed. */
  get(prefix: string): Ontology {
    return this.loaded(prefix).ontology;
  }

  /** The same with where it came from and how long loading took. */
  loaded(prefix: string): LoadedOntology {
    return loadOntology(prefix, this.config?.dataDir);
  }
}
