import { AppError } from '../../platform/errors.js';
import type { ClassStatus } from './classes.tables.js';

// The class lifecycle as a table: what each action does from each status. Anything not listed is refused with
// CLASS_ILLEGAL_TRANSITION naming the status and the action, so a double click or a stale page never corrupts it.

export type ClassAction = 'edit' | 'submit' | 'approve' | 'return' | 'reject' | 'close' | 'propose_change';

const TRANSITIONS: Record<ClassStatus, Partial<Record<ClassAction, ClassStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  returned: { edit: 'returned', submit: 'submitted' },
  submitted: { approve: 'approved', return: 'returned', reject: 'rejected' },
  approved: { propose_change: 'approved', close: 'closed' },
  rejected: {},
  closed: {},
};

export function nextStatus(from: ClassStatus, action: ClassAction): ClassStatus {
  const to = TRANSITIONS[from][action];
  if (!to)
    throw new AppError('CLASS_ILLEGAL_TRANSITION', {
      params: { status: from, action },
      details: { status: from, action },
    });
  return to;
}

export function allowedActions(from: ClassStatus): ClassAction[] {
  return Object.keys(TRANSITIONS[from]) as ClassAction[];
}

/** The statuses an action is allowed from: the `from` of its conditional update (platform/transition.ts). */
export function statusesAllowing(action: ClassAction): ClassStatus[] {
  return (Object.keys(TRANSITIONS) as ClassStatus[]).filter((from) => TRANSITIONS[from][action] !== undefined);
}

/** Refuses a write whose row changed between reading and writing (a second reviewer, an edit in between). */
export function changedMeanwhile(action: ClassAction): AppError {
  return new AppError('CLASS_ILLEGAL_TRANSITION', { params: { status: 'changed', action } });
}
