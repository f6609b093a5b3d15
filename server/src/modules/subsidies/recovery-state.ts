import type { RecoveryStatus } from './subsidies.tables.js';

// Recovery orders as a table: the statuses each action is allowed from (the `from` of its conditional update,
// platform/transition.ts). An order is recovered in parts until nothing is outstanding, or written off with a reason;
// a recovered or written-off order is closed.

export type RecoveryAction = 'recover' | 'write_off' | 'overdue';

const ALLOWED_FROM: Record<RecoveryAction, readonly RecoveryStatus[]> = {
  recover: ['open', 'partly_recovered'],
  write_off: ['open', 'partly_recovered'],
  overdue: ['open', 'partly_recovered'],
};

export function recoveryStatusesAllowing(action: RecoveryAction): RecoveryStatus[] {
  return [...ALLOWED_FROM[action]];
}

/** The status after recovering `amountFen` more (the amount is checked against what is outstanding first). */
export function statusAfterRecovery(order: { amountFen: number; recoveredFen: number }, amountFen: number) {
  return order.recoveredFen + amountFen >= order.amountFen ? ('recovered' as const) : ('partly_recovered' as const);
}

/** Working days a payer has to pay back (counted with the work calendar: holidays and make-up days). */
export const RECOVERY_DUE_WORKING_DAYS = 20;
