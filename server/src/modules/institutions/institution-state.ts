import { AppError } from '../../platform/errors.js';
import type { InstitutionStatus } from './institutions.tables.js';

// The institution lifecycle as a table: what each action does from each status. Anything not listed is refused with
// INSTITUTION_ILLEGAL_TRANSITION naming the status and the action, so a double click or a stale page changes nothing.

export type InstitutionAction = 'edit' | 'submit' | 'approve' | 'return' | 'reject' | 'suspend' | 'reinstate';

const TRANSITIONS: Record<InstitutionStatus, Partial<Record<InstitutionAction, InstitutionStatus>>> = {
  draft: { edit: 'draft', submit: 'submitted' },
  returned: { edit: 'returned', submit: 'submitted' },
  submitted: { approve: 'active', return: 'returned', reject: 'rejected' },
  active: { suspend: 'suspended' },
  suspended: { reinstate: 'active' },
  rejected: {},
};

const STATUS_TEXT: Record<InstitutionStatus, { 'zh-CN': string; en: string }> = {
  draft: { 'zh-CN': '草稿', en: 'a draft' },
  submitted: { 'zh-CN': '待审核', en: 'waiting for review' },
  returned: { 'zh-CN': '退回修改', en: 'returned for changes' },
  rejected: { 'zh-CN': '已驳回', en: 'rejected' },
  active: { 'zh-CN': '已入驻', en: 'active' },
  suspended: { 'zh-CN': '已暂停', en: 'suspended' },
};
const ACTION_TEXT: Record<InstitutionAction, { 'zh-CN': string; en: string }> = {
  edit: { 'zh-CN': '修改申请', en: 'edit' },
  submit: { 'zh-CN': '提交审核', en: 'submit' },
  approve: { 'zh-CN': '批准', en: 'approve' },
  return: { 'zh-CN': '退回修改', en: 'return' },
  reject: { 'zh-CN': '驳回', en: 'reject' },
  suspend: { 'zh-CN': '暂停', en: 'suspend' },
  reinstate: { 'zh-CN': '恢复', en: 'reinstate' },
};

/** The `{status}` message parameter in both languages. */
export function statusText(status: InstitutionStatus): { 'zh-CN': string; en: string } {
  return STATUS_TEXT[status];
}

export function nextInstitutionStatus(from: InstitutionStatus, action: InstitutionAction): InstitutionStatus {
  const to = TRANSITIONS[from][action];
  if (!to) {
    throw new AppError('INSTITUTION_ILLEGAL_TRANSITION', {
      params: { status: STATUS_TEXT[from], action: ACTION_TEXT[action] },
      details: { status: from, action },
    });
  }
  return to;
}

/** The statuses an action is allowed from: the `from` of its conditional update (platform/transition.ts). */
export function institutionStatusesAllowing(action: InstitutionAction): InstitutionStatus[] {
  return (Object.keys(TRANSITIONS) as InstitutionStatus[]).filter((from) => TRANSITIONS[from][action] !== undefined);
}

export function institutionActions(from: InstitutionStatus): InstitutionAction[] {
  return Object.keys(TRANSITIONS[from]) as InstitutionAction[];
}

/** Refuses a write whose row changed between reading and writing (a second reviewer, an edit in between). */
export function changedMeanwhile(action: InstitutionAction): AppError {
  return new AppError('INSTITUTION_ILLEGAL_TRANSITION', {
    params: { status: { 'zh-CN': '已被他人更新', en: 'changed meanwhile' }, action: ACTION_TEXT[action] },
    details: { status: 'changed', action },
  });
}

/** Who performs an action: the institution's administrator edits and submits; regulators decide; suspension is oversight. */
export const ACTION_ROLES: Record<InstitutionAction, readonly ('institution_admin' | 'regulator' | 'operator')[]> = {
  edit: ['institution_admin'],
  submit: ['institution_admin'],
  approve: ['regulator'],
  return: ['regulator'],
  reject: ['regulator'],
  suspend: ['regulator', 'operator'],
  reinstate: ['regulator', 'operator'],
};

/** Only an active institution may do institution work (classes, courses, enrolment, staff). */
export function isOperating(status: InstitutionStatus): boolean {
  return status === 'active';
}
