import type { AlertStatus } from './risk.js';

// The alert workflow as a table: the statuses each action is allowed from. An open alert is taken up (review),
// given the institution's proposal (propose) or decided by a regulator (decide); a decided alert stays decided.

export type AlertAction = 'review' | 'propose' | 'decide';

const ALLOWED_FROM: Record<AlertAction, readonly AlertStatus[]> = {
  review: ['open'],
  propose: ['open', 'under_review'],
  decide: ['open', 'under_review'],
};

/** The statuses an action is allowed from: the `from` of its conditional update (platform/transition.ts). */
export function alertStatusesAllowing(action: AlertAction): AlertStatus[] {
  return [...ALLOWED_FROM[action]];
}

export function alertActionAllowed(status: AlertStatus, action: AlertAction): boolean {
  return ALLOWED_FROM[action].includes(status);
}
