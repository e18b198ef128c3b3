export {
  type PanelAllele,
  type PanelAlleleRow,
  panelWindowSql,
  panelWindowValues,
  type PanelWindow,
  type ReferencePanel,
  toPanelAllele,
} from './panel.repository';
export { type PanelImportSummary, PanelService } from './panel.service';
export { PanelsModule } from './panels.module';
export { writeSampleSubset } from './vcf-subset';
