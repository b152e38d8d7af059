/**
 * The one ElectroDB Service over every entity of the table (service name "tracker"), and the
 * transactions that run through its `transaction.write`: on a cancelled transaction it answers
 * item by item, in the order of the items, with each item's code (tests/transaction-spike.test.ts
 * shows it on DynamoDB Local). Each item of `transact` carries the conflict it stands for, so the
 * answer names the error of the item that failed; no caller counts positions.
 */
import { Service, type TransactionItem } from "electrodb";
import { AuditEventEntity } from "./audit/audit.entity";
import { KnownClientEntity, LoginAttemptEntity, SessionEntity } from "./auth/auth.entity";
import { BudgetEntity } from "./budget/budget.entity";
import { ContributionEntity } from "./contribution/contribution.entity";
import { ReceiptCounterEntity } from "./contribution/receipt-counter.entity";
import type { TransactItem } from "./dynamo";
import { lazy, TABLE } from "./entity";
import type { VisibleError } from "./error";
import { IdempotencyEntity } from "./idempotency/idempotency.entity";
import { MemberStateEntity } from "./member-state/member-state.entity";
import { OrganisationEntity } from "./organisation/organisation.entity";
import { PostNumberEntity } from "./post/post-number.entity";
import { PostEntity } from "./post/post.entity";
import { SecondmentEntity } from "./secondment/secondment.entity";
import { SummaryDeliveryEntity, SummaryRunEntity } from "./summary/summary.entity";
import { UserEntity } from "./user/user.entity";
import { RecommendationEntity } from "./recommendation/recommendation.entity";
import { VacancyEntity } from "./vacancy/vacancy.entity";

export const Tracker = lazy(() => new Service(
  {
    auditEvent: AuditEventEntity,
    session: SessionEntity,
    loginAttempt: LoginAttemptEntity,
    knownClient: KnownClientEntity,
    budget: BudgetEntity,
    contribution: ContributionEntity,
    receiptCounter: ReceiptCounterEntity,
    idempotencyRecord: IdempotencyEntity,
    memberState: MemberStateEntity,
    organisation: OrganisationEntity,
    postNumber: PostNumberEntity,
    post: PostEntity,
    secondment: SecondmentEntity,
    summaryDelivery: SummaryDeliveryEntity,
    summaryRun: SummaryRunEntity,
    user: UserEntity,
    recommendation: RecommendationEntity,
    vacancy: VacancyEntity,
  },
  TABLE,
));

/** Tries of a transaction cancelled by a concurrent one on the same item (TransactionConflict). */
const CONFLICT_ATTEMPTS = 4;

/**
 * The Service that runs `transact`: the same `transaction.write`, over the audit entity alone. Every
 * transaction of the product is an `Audit.commit`, so that entity is made anyway, while making the
 * whole `Tracker` (all twenty entities, on first use) would put some hundreds of milliseconds on a
 * cold Lambda's first write. Which entities a Service knows changes nothing in how it sends the
 * items, nor in its answer to a cancellation: a code per item, in the order of the items.
 */
const Transactions = lazy(() => new Service({ auditEvent: AuditEventEntity }, TABLE));

/**
 * `transaction.write` as it runs: the items of `transact` are built from the entities' `.params()`
 * (`asTransactItem`), or by hand where ElectroDB has no words for them (the totals' ADD of figures
 * that are not declared attributes, a ConditionCheck on a status). The Service sends them as they
 * are (its types speak only of items from an entity's `.commit()`).
 */
type Write = (fn: () => Array<TransactItem["item"]>) => { go(): Promise<{ canceled: boolean; data: Array<TransactionItem<unknown>> }> };

/**
 * Runs items as one DynamoDB transaction, through ElectroDB's `transaction.write`, and maps a
 * cancellation by item: the answer has a code per item, and the error thrown is the `conflict`
 * the item whose condition failed carries (`asTransactItem(kind, params, conflict)`), wherever
 * it stands among the items.
 *
 * A transaction cancelled because another one held one of its items (often a shared totals item)
 * wrote nothing, and every condition is checked again on the next try, so the same items are sent
 * again, up to CONFLICT_ATTEMPTS times in all, a little later each time; then the error is the
 * `conflict` of the item that was held. `fallback` answers for an item that carries none (a totals
 * item held until the tries ran out); without one, the cancellation itself is thrown (a condition
 * nobody named is a defect).
 */
export async function transact(items: TransactItem[], fallback?: VisibleError): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { canceled, data: reasons } = await (Transactions.transaction.write as Write)(() => items.map((i) => i.item)).go();
    if (!canceled) return;
    const codes = reasons.map((r) => r.code);
    const cancelled = Object.assign(new Error(`Transaction cancelled: ${codes.join(", ")}`), { name: "TransactionCanceledException" });
    /** The error for the items answered with this code: the first one's own conflict, else the fallback (undefined: no such item). */
    const conflictOf = (code: string): Error | undefined => {
      const named = items.filter((_, i) => codes[i] === code);
      return named.length ? (named.find((i) => i.conflict)?.conflict ?? fallback ?? cancelled) : undefined;
    };
    const failed = conflictOf("ConditionalCheckFailed");
    if (failed) throw failed;
    const held = conflictOf("TransactionConflict");
    if (!held) throw cancelled;
    if (attempt >= CONFLICT_ATTEMPTS) throw held;
    await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 40 * attempt));
  }
}
