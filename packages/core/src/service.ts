/**
 * The one ElectroDB Service over every entity of the table (service name "tracker"). Its
 * `transaction.write` answers a cancelled transaction item by item, with the entity each failed
 * item belongs to (tests/transaction-spike.test.ts shows it on DynamoDB Local).
 */
import { Service } from "electrodb";
import { AuditEventEntity } from "./audit/audit.entity";
import { KnownClientEntity, LoginAttemptEntity, SessionEntity } from "./auth/auth.entity";
import { BudgetEntity } from "./budget/budget.entity";
import { ContributionEntity } from "./contribution/contribution.entity";
import { ReceiptCounterEntity } from "./contribution/receipt-counter.entity";
import { lazy, TABLE } from "./entity";
import { IdempotencyEntity } from "./idempotency/idempotency.entity";
import { MemberStateEntity } from "./member-state/member-state.entity";
import { OrganisationEntity } from "./organisation/organisation.entity";
import { PostNumberEntity } from "./post/post-number.entity";
import { PostEntity } from "./post/post.entity";
import { SecondmentEntity } from "./secondment/secondment.entity";
import { SummaryDeliveryEntity, SummaryRunEntity } from "./summary/summary.entity";
import { UserEntity } from "./user/user.entity";
import { RecommendationEntity } from "./vacancy/recommendation.entity";
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
