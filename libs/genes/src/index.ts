export { GeneIndex, type ResolvedGene } from './gene-index';
export { GenesService, loadGeneIndex } from './genes.service';
export { GenesModule } from './genes.module';
