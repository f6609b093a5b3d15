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
