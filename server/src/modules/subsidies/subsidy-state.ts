import type { ClaimStatus } from './subsidies.tables.js';

// The claim workflow as a table: the statuses each action is allowed from (the `from` of its conditional update,
// platform/transition.ts). A submitted claim is returned to the institution or decided line by line (it closes when
// no line is pending); a returned claim is submitted again.

export type ClaimAction = 'return' | 'resubmit' | 'decide';

const ALLOWED_FROM: Record<ClaimAction, readonly ClaimStatus[]> = {
  return: ['submitted'],
  resubmit: ['returned'],
  decide: ['submitted'],
};

export function claimStatusesAllowing(action: ClaimAction): ClaimStatus[] {
  return [...ALLOWED_FROM[action]];
}
