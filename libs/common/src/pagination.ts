import { Field, ObjectType } from '@nestjs/graphql';
import { DomainError } from './domain-error';

/**
 * A page size asked for (`first`): absent or null gives `defaultSize`; anything but a whole number from 1
 * to `max` is refused with a clear BAD_REQUEST — never silently clamped (a caller asking for 10,000 rows
 * or for -1 learns it at once instead of reading a short page as the end of the list).
 */
export function pageSizeOf(first: number | null | undefined, defaultSize: number, max: number): number {
  if (first === undefined || first === null) return defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new DomainError(
      'BAD_REQUEST',
      `first must be a whole number from 1 to ${max} (got ${String(first)})`,
      {
        field: 'first',
        max,
      },
    );
  }
  return first;
}

/** GraphQL cursor pagination (the Relay convention): whether more follows, and the cursor to ask after. */
@ObjectType('PageInfo')
export class PageInfoModel {
  @Field({ description: 'Whether another page follows this one' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page (null on the last)',
  })
  endCursor: string | null;
}
