import { CurrentCaller } from '@helixgate/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Caller } from '@helixgate/common';
import {
  ConsentMatchModel,
  ConsentService,
  DatasetConsentInput,
  DatasetConsentModel,
  ResearchPurposeInput,
  toConsentMatchModel,
  toDatasetConsentModel,
} from '@helixgate/consent';
import { PeopleService } from '@helixgate/identity';
import { CreateDatasetInput, DatasetModel, toDatasetModel } from '@helixgate/variants';
import { DatasetAccessService } from './dataset-access.service';
import { DatasetIngestModel, StewardAssignmentModel } from './models/dataset-ingest.model';
import { DatasetPageModel } from './models/dataset-page.model';
import { WithdrawalModel } from './models/withdrawal.model';

/** Datasets as the caller may see them, and their administration (admins, stewards). */
@Resolver(() => DatasetModel)
export class DatasetAccessResolver {
  constructor(
    private readonly datasetAccess: DatasetAccessService,
    private readonly consentService: ConsentService,
    private readonly people: PeopleService,
  ) {}

  @Query(() => [DatasetModel], {
    description: 'Datasets visible to the caller, all at once',
    deprecationReason: 'Use datasetPage (cursor-paged by id, pageInfo { hasNextPage endCursor })',
  })
  async datasets(@CurrentCaller() caller: Caller): Promise<DatasetModel[]> {
    return (await this.datasetAccess.list(caller)).map(toDatasetModel);
  }

  @Query(() => DatasetPageModel, {
    description:
      'Datasets visible to the caller, a page at a time by id: first from 1 to 200 (default 50), after = pageInfo.endCursor',
  })
  async datasetPage(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => ID, nullable: true }) after?: string,
  ): Promise<DatasetPageModel> {
    const page = await this.datasetAccess.listPage(caller, first, after);
    const datasets = page.datasets.map(toDatasetModel);
    return {
      datasets,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        endCursor: page.hasNextPage ? datasets[datasets.length - 1].id : null,
      },
    };
  }

  @Query(() => DatasetModel, {
    description: 'One dataset; "not found or no access" when the caller may not see it',
  })
  async dataset(
    @CurrentCaller() caller: Caller,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DatasetModel> {
    return toDatasetModel(await this.datasetAccess.getVisible(caller, id));
  }

  @ResolveField(() => DatasetConsentModel, {
    nullable: true,
    description: 'DUO consent (null when none is recorded)',
  })
  async consent(@Parent() d: DatasetModel): Promise<DatasetConsentModel | null> {
    const c = await this.consentService.getConsent(d.id);
    return c ? toDatasetConsentModel(c) : null;
  }

  @Query(() => [StewardAssignmentModel], {
    description:
      "Who stewards which dataset, by name and institution: every assignment (admin), or one dataset's for its own stewards (FORBIDDEN otherwise)",
  })
  async stewardAssignments(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID, nullable: true }) datasetId?: string,
  ): Promise<StewardAssignmentModel[]> {
    const rows = await this.datasetAccess.stewardAssignments(caller, datasetId ?? null);
    const refs = rows.map((s) => `${s.issuer}#${s.subject}`);
    const people = await this.people.byRefs(refs);
    return rows.map((r, i) => ({
      datasetId: r.datasetId,
      steward: people.get(refs[i])!,
      assignedAt: r.assignedAt,
    }));
  }

  @Query(() => [DatasetIngestModel], {
    description:
      "A dataset's ingest history: every VCF load that committed, newest first (at most 200), for whoever may ingest into it (its stewards, administrators; FORBIDDEN otherwise)",
  })
  async datasetIngestHistory(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
  ): Promise<DatasetIngestModel[]> {
    const rows = await this.datasetAccess.ingestHistory(caller, datasetId);
    const people = await this.people.byRefs(rows.flatMap((r) => (r.actor ? [r.actor] : [])));
    return rows.map((r) => ({ ...r, loadedBy: r.actor ? (people.get(r.actor) ?? null) : null }));
  }

  @Query(() => ConsentMatchModel, {
    description: "Dry run: how a research purpose matches a dataset's consent (nothing is filed)",
  })
  async matchResearchPurpose(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('purpose') purpose: ResearchPurposeInput,
  ): Promise<ConsentMatchModel> {
    await this.datasetAccess.getVisible(caller, datasetId);
    return toConsentMatchModel(await this.consentService.matchDataset(datasetId, purpose));
  }

  @Mutation(() => DatasetModel, { description: 'Admin: register a dataset' })
  async createDataset(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateDatasetInput,
  ): Promise<DatasetModel> {
    return toDatasetModel(await this.datasetAccess.create(caller, input));
  }

  @Mutation(() => Boolean, { description: 'Admin: make a user (issuer + subject) a steward of a dataset' })
  async assignSteward(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('subject') subject: string,
    @Args('issuer', { nullable: true, description: "Defaults to the caller's own issuer" }) issuer?: string,
  ): Promise<boolean> {
    await this.datasetAccess.assignSteward(caller, datasetId, {
      issuer: issuer ?? caller.issuer ?? '',
      subject,
    });
    return true;
  }

  @Mutation(() => Boolean, { description: 'Admin: remove a steward (issuer + subject) from a dataset' })
  async unassignSteward(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('subject') subject: string,
    @Args('issuer', { nullable: true, description: "Defaults to the caller's own issuer" }) issuer?: string,
  ): Promise<boolean> {
    await this.datasetAccess.unassignSteward(caller, datasetId, {
      issuer: issuer ?? caller.issuer ?? '',
      subject,
    });
    return true;
  }

  @Mutation(() => WithdrawalModel, {
    description:
      'Steward (or admin): withdraw a participant. Their data is re-sealed away and the old keys destroyed (crypto-shredding); from now on no answer counts them.',
  })
  async withdrawParticipant(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('sampleId', { description: "The participant's sample id in the source VCF" }) sampleId: string,
  ): Promise<WithdrawalModel> {
    const r = await this.datasetAccess.withdrawParticipant(caller, datasetId, sampleId);
    return {
      datasetId: r.datasetId,
      variantsRewritten: r.variantsRewritten,
      variantsDeleted: r.variantsDeleted,
      newKeyVersion: r.newKeyVersion,
      destroyedKeyVersions: r.destroyedKeyVersions,
      backupsShredded: r.backupsShredded,
      seconds: r.seconds,
    };
  }

  @Mutation(() => DatasetConsentModel, { description: "Steward (or admin): set a dataset's DUO consent" })
  async setDatasetConsent(
    @CurrentCaller() caller: Caller,
    @Args('datasetId', { type: () => ID }) datasetId: string,
    @Args('consent') consent: DatasetConsentInput,
  ): Promise<DatasetConsentModel> {
    return toDatasetConsentModel(await this.datasetAccess.setConsent(caller, datasetId, consent));
  }
}
