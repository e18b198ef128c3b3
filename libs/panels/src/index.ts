export { type PanelWindow, type ReferencePanel } from './panel.repository';
export { type PanelImportSummary, PanelService } from './panel.service';
export { PanelsModule } from './panels.module';
export { writeSampleSubset } from './vcf-subset';
