/** Whose budgets: one principal (account, linked group or institution) on one dataset. */
export interface BudgetScope {
  readonly principal: string;
  readonly datasetId: string;
}

export interface IndividualBudget {
  /** Evidence (nats) already released about this individual to this principal. */
  spent: number;
  /** Has this individual already been left out of an answer for lack of budget (and reported)? */
  exhausted: boolean;
}

/** A budget-dependent answer as first released: how many carriers there were and how many were counted. */
export interface RecordedAnswer {
  carriers: number;
  admitted: number;
}

/** The view of one scope's ledger inside one serialised unit of work (see BudgetStore.withScope). */
export interface BudgetLedger {
  /** Current budgets of these individuals (absent: never charged). */
  budgets(individuals: readonly number[]): Promise<Map<number, IndividualBudget>>;
  /** Answers already released for these variant keys. */
  answers(variantKeys: readonly string[]): Promise<Map<string, RecordedAnswer>>;
  /** Writes the new state of the individuals charged or newly exhausted in this unit of work. */
  save(
    budgets: ReadonlyMap<number, IndividualBudget>,
    answers: ReadonlyMap<string, RecordedAnswer>,
  ): Promise<void>;
}

/**
 * Where budgets live. `withScope` runs `work` with the scope's ledger such that no other unit of work on
 * the same scope interleaves (two concurrent requests of one principal cannot both spend the last of a
 * budget) and its `save` is all-or-nothing. The gateway uses PostgresBudgetStore; the attack harness
 * uses InMemoryBudgetStore for speed (a test shows both give identical decisions).
 */
export interface BudgetStore {
  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T>;
}

export const BUDGET_STORE = Symbol('BUDGET_STORE');

/** Budgets in process memory: for the attack harness and unit tests (lost on restart). */
export class InMemoryBudgetStore implements BudgetStore {
  private readonly scopes = new Map<
    string,
    { budgets: Map<number, IndividualBudget>; answers: Map<string, RecordedAnswer> }
  >();
  private tail: Promise<unknown> = Promise.resolve();

  withScope<T>(scope: BudgetScope, work: (ledger: BudgetLedger) => Promise<T>): Promise<T> {
    const key = `${scope.principal}\u0000${scope.datasetId}`;
    let state = this.scopes.get(key);
    if (!state) {
      state = { budgets: new Map(), answers: new Map() };
      this.scopes.set(key, state);
    }
    const s = state;
    const ledger: BudgetLedger = {
      budgets: (individuals) => {
        const out = new Map<number, IndividualBudget>();
        for (const i of individuals) {
          const b = s.budgets.get(i);
          if (b) out.set(i, { ...b });
        }
        return Promise.resolve(out);
      },
      answers: (keys) => {
        const out = new Map<string, RecordedAnswer>();
        for (const k of keys) {
          const a = s.answers.get(k);
          if (a) out.set(k, { ...a });
        }
        return Promise.resolve(out);
      },
      save: (budgets, answers) => {
        for (const [i, b] of budgets) s.budgets.set(i, { ...b });
        for (const [k, a] of answers) s.answers.set(k, { ...a });
        return Promise.resolve();
      },
    };
    // One unit of work at a time, like the advisory lock of the PostgreSQL store.
    const run = this.tail.then(() => work(ledger));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Forgets everything (a new harness run). */
  clear(): void {
    this.scopes.clear();
  }
}
