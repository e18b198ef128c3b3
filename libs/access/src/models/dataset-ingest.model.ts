import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PersonModel } from '@helixgate/identity';

@ObjectType('DatasetIngest', {
  description: 'One VCF load into a dataset that committed (its ingest history)',
})
export class DatasetIngestModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  datasetId: string;

  @Field({ description: 'The file name as loaded (no directory)' })
  file: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 (hex) of the file as given, when recorded' })
  sha256: string | null;

  @Field({ description: "The load replaced the dataset's individuals and variants" })
  replace: boolean;

  @Field(() => Int, { description: 'VCF data lines read' })
  records: number;

  @Field(() => Int, { description: 'Variant rows written (one per ALT allele)' })
  altRows: number;

  @Field(() => Int, { description: 'Records with ALT "." (no variant), skipped' })
  skipped: number;

  @Field(() => Int)
  individuals: number;

  @Field(() => Int, { description: 'VEP CSQ / SnpEff ANN annotations stored' })
  annotations: number;

  @Field(() => Float)
  seconds: number;

  @Field(() => PersonModel, { nullable: true, description: 'Who loaded it (null: not recorded)' })
  loadedBy: PersonModel | null;

  @Field()
  ingestedAt: Date;
}

@ObjectType('StewardAssignment', { description: 'A steward of a dataset, by name and institution' })
export class StewardAssignmentModel {
  @Field(() => ID)
  datasetId: string;

  @Field(() => PersonModel)
  steward: PersonModel;

  @Field()
  assignedAt: Date;
}
