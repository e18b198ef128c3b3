import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Withdrawal', {
  description: 'The outcome of a participant withdrawal (no identifier of the participant)',
})
export class WithdrawalModel {
  @Field(() => ID)
  datasetId: string;
  @Field(() => Int, { description: 'Variant rows re-sealed without the participant' })
  variantsRewritten: number;
  @Field(() => Int, { description: 'Variant rows only the participant carried, deleted' })
  variantsDeleted: number;
  @Field(() => Int)
  newKeyVersion: number;
  @Field(() => [Int], { description: 'Data-key versions destroyed (crypto-shredding)' })
  destroyedKeyVersions: number[];
  @Field({ description: 'True when earlier backups are unrecoverable too (the old master key was retired)' })
  backupsShredded: boolean;
  @Field(() => Float)
  seconds: number;
}
