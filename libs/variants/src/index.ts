export { type Assembly, DatasetEntity, type SecurityLevel } from './dataset.entity';
export { type CreateDataset, DatasetService } from './dataset.service';
export { toDatasetModel } from './dataset.model-mapper';
export { DatasetModel } from './models/dataset.model';
export { CreateDatasetInput } from './dto/create-dataset.input';
export { VariantsModule } from './variants.module';
export { contigLength, isPrimaryContig, normalizeContig, refseqAssemblies } from './contig';
export { variantFilterSql } from './variant-class';
export {
  type AlleleCarriers,
  type VariantKey,
  variantKeyOf,
  type VariantRecord,
  VariantRecordsService,
} from './records/variant-records.service';
export {
  ParticipantWithdrawalService,
  type WithdrawalOptions,
  type WithdrawalResult,
} from './withdrawal/participant-withdrawal.service';
export { canonicalCurie, type IndividualRecord } from './individuals/individual-metadata';
export {
  type IndividualImportSummary,
  IndividualMetadataService,
} from './individuals/individual-metadata.service';
export { type DatasetIngestRow } from './dataset.repository';
export { IngestService, type IngestSummary } from './ingest/ingest.service';
export {
  type DecodedGenotype,
  decodeGenotypes,
  GenotypeParseError,
  RecordGenotypes,
} from './ingest/genotype-codec';
export { AlleleError, classifyAllele, isValidRef, MAX_POSITION } from './ingest/variant-allele';
export { VcfFormatError, type VcfLine, VcfReader } from './ingest/vcf-reader';
