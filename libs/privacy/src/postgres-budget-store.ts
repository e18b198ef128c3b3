import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  BudgetLedger,
  BudgetScope,
  BudgetStore,
  IndividualBudget,
  RecordedAnswer,
} from './budget-store';

/**
 * Budgets in PostgreSQL (or the embedded PGlite): tables `privacy_budget` and `privacy_answer`
 * (migration 1764530000000). Each unit of work is one transaction holding a transaction-scoped advisory
 * lock on the scope, so concurrent requests of one principal on one dataset are serialised. Statements
 * are batched (one read of budgets, one of answers, one upsert each) rather than one ORM save per row.
 * Nothing stored names a variant together with the individuals counted for it.
 */
@Injectable()
export class PostgresBudgetStore implements BudgetStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('privacy-budget'), hashtext($1))`, [
        `${scope.principal}\u0001${scope.datasetId}`,
      ]);
      return work(new PostgresLedger(em, scope));
    });
  }
}

class PostgresLedger implements BudgetLedger {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: BudgetScope,
  ) {}

  async budgets(individuals: readonly number[]): Promise<Map<number, IndividualBudget>> {
    const out = new Map<number, IndividualBudget>();
    if (individuals.length === 0) return out;
    const rows: { individual_idx: number; spent: number; exhausted: boolean }[] = await this.em.query(
      `SELECT individual_idx, spent, exhausted_at IS NOT NULL AS exhausted FROM privacy_budget
        WHERE principal = $1 AND dataset_id = $2 AND individual_idx = ANY($3::int[])`,
      [this.scope.principal, this.scope.datasetId, [...individuals]],
    );
    for (const r of rows)
      out.set(Number(r.individual_idx), { spent: Number(r.spent), exhausted: r.exhausted });
    return out;
  }

  async answers(variantKeys: readonly string[]): Promise<Map<string, RecordedAnswer>> {
    const out = new Map<string, RecordedAnswer>();
    if (variantKeys.length === 0) return out;
    const rows: { variant_key: string; carriers: number; admitted: number }[] = await this.em.query(
      `SELECT variant_key, carriers, admitted FROM privacy_answer
        WHERE principal = $1 AND dataset_id = $2 AND variant_key = ANY($3::text[])`,
      [this.scope.principal, this.scope.datasetId, [...variantKeys]],
    );
    for (const r of rows)
      out.set(r.variant_key, { carriers: Number(r.carriers), admitted: Number(r.admitted) });
    return out;
  }

  async save(
    budgets: ReadonlyMap<number, IndividualBudget>,
    answers: ReadonlyMap<string, RecordedAnswer>,
  ): Promise<void> {
    const { principal, datasetId } = this.scope;
    if (budgets.size > 0) {
      const idx: number[] = [];
      const spent: number[] = [];
      const exhausted: boolean[] = [];
      for (const [i, b] of budgets) {
        idx.push(i);
        spent.push(b.spent);
        exhausted.push(b.exhausted);
      }
      await this.em.query(
        `INSERT INTO privacy_budget (principal, dataset_id, individual_idx, spent, exhausted_at)
         SELECT $1, $2, u.idx, u.spent, CASE WHEN u.exhausted THEN now() END
           FROM unnest($3::int[], $4::float8[], $5::bool[]) AS u(idx, spent, exhausted)
         ON CONFLICT (principal, dataset_id, individual_idx) DO UPDATE
           SET spent = EXCLUDED.spent,
               exhausted_at = COALESCE(privacy_budget.exhausted_at, EXCLUDED.exhausted_at),
               updated_at = now()`,
        [principal, datasetId, idx, spent, exhausted],
      );
    }
    if (answers.size > 0) {
      const keys: string[] = [];
      const carriers: number[] = [];
      const admitted: number[] = [];
      for (const [k, a] of answers) {
        keys.push(k);
        carriers.push(a.carriers);
        admitted.push(a.admitted);
      }
      await this.em.query(
        `INSERT INTO privacy_answer (principal, dataset_id, variant_key, carriers, admitted)
         SELECT $1, $2, u.k, u.c, u.a FROM unnest($3::text[], $4::int[], $5::int[]) AS u(k, c, a)
         ON CONFLICT (principal, dataset_id, variant_key) DO UPDATE
           SET carriers = EXCLUDED.carriers, admitted = EXCLUDED.admitted, answered_at = now()`,
        [principal, datasetId, keys, carriers, admitted],
      );
    }
  }
}
