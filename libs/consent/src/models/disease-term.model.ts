import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('DiseaseTerm', { description: 'A MONDO disease term this node can match (CC BY 4.0)' })
export class DiseaseTermModel {
  @Field({ description: 'MONDO CURIE, e.g. MONDO:0007254' })
  id: string;

  @Field()
  label: string;

  @Field(() => [String], { description: 'Nearest ancestors within the shipped subset (is_a)' })
  parents: string[];
}
