// The fields of a policy document (server/src/modules/policies/policy.ts) as the forms and views show them.
import type { PolicyDocument, PolicyOverride } from './types';

export type PolicyFieldKind = 'integer' | 'number' | 'percent' | 'modules' | 'boolean';
export type PolicyField = {
  /** Path in the document, e.g. "faceCheck.retries"; also the i18n key under manage.policy.fields (dots → underscores). */
  key: string;
  kind: PolicyFieldKind;
  min?: number;
  max?: number;
  step?: number;
  /** i18n key of the unit under manage.policy.units. */
  unit?: string;
};

export const POLICY_GROUPS: { key: string; fields: PolicyField[] }[] = [
  {
    key: 'hours',
    fields: [
      { key: 'classHourMinutes', kind: 'integer', min: 10, max: 120, unit: 'minutes' },
      { key: 'maxOnlineShare', kind: 'percent', min: 0, max: 100 },
      { key: 'onlineHourFactor', kind: 'percent', min: 0, max: 100 },
      { key: 'requiredGeneralModules', kind: 'modules' },
    ],
  },
  {
    key: 'learning',
    fields: [
      { key: 'heartbeatSeconds', kind: 'integer', min: 5, max: 120, unit: 'seconds' },
      { key: 'maxPlaybackRate', kind: 'number', min: 0.5, max: 3, unit: 'times' },
      { key: 'dailyCapHours', kind: 'number', min: 1, max: 24, unit: 'hours' },
    ],
  },
  {
    key: 'antiHangUp',
    fields: [
      { key: 'learning.challengeMinMinutes', kind: 'integer', min: 1, max: 120, unit: 'minutes' },
      { key: 'learning.challengeMaxMinutes', kind: 'integer', min: 1, max: 240, unit: 'minutes' },
      { key: 'learning.firstChallengeMaxMinutes', kind: 'integer', min: 1, max: 60, unit: 'minutes' },
      { key: 'learning.challengeResponseSeconds', kind: 'integer', min: 10, max: 600, unit: 'seconds' },
      { key: 'learning.challengeAttempts', kind: 'integer', min: 1, max: 10, unit: 'count' },
      { key: 'learning.completionShare', kind: 'percent', min: 50, max: 100 },
      { key: 'learning.positionToleranceSeconds', kind: 'integer', min: 1, max: 30, unit: 'seconds' },
      { key: 'learning.gapFactor', kind: 'number', min: 1.5, max: 5, step: 0.5, unit: 'times' },
      { key: 'learning.maxLateSeconds', kind: 'integer', min: 0, max: 3600, unit: 'seconds' },
    ],
  },
  {
    key: 'faceCheck',
    fields: [
      { key: 'faceCheck.minPerLesson', kind: 'integer', min: 0, max: 20, unit: 'count' },
      { key: 'faceCheck.maxIntervalMinutes', kind: 'integer', min: 1, max: 120, unit: 'minutes' },
      { key: 'faceCheck.responseSeconds', kind: 'integer', min: 10, max: 600, unit: 'seconds' },
      { key: 'faceCheck.retries', kind: 'integer', min: 0, max: 10, unit: 'count' },
      { key: 'faceCheck.liveness', kind: 'boolean' },
      { key: 'faceCheck.maxMissesPerLesson', kind: 'integer', min: 0, max: 50, unit: 'count' },
      { key: 'faceCheck.maxMissesPerClass', kind: 'integer', min: 0, max: 200, unit: 'count' },
      { key: 'faceCheck.freeRetakes', kind: 'integer', min: 0, max: 20, unit: 'count' },
    ],
  },
  {
    // Early warning (modules/alerts/detectors): how much is abnormal.
    key: 'alerts',
    fields: [
      { key: 'alerts.concurrentMinSupersessions', kind: 'integer', min: 1, max: 50, unit: 'count' },
      { key: 'alerts.concurrentWindowMinutes', kind: 'integer', min: 5, max: 1440, unit: 'minutes' },
      { key: 'alerts.groupMinAccounts', kind: 'integer', min: 2, max: 500, unit: 'accounts' },
      { key: 'alerts.groupMinInstitutions', kind: 'integer', min: 1, max: 50, unit: 'institutions' },
      { key: 'alerts.groupWindowMinutes', kind: 'integer', min: 5, max: 1440, unit: 'minutes' },
      { key: 'alerts.groupInstitutionMinAccounts', kind: 'integer', min: 2, max: 500, unit: 'accounts' },
      { key: 'alerts.groupMobileMinAccounts', kind: 'integer', min: 2, max: 2000, unit: 'accounts' },
      { key: 'alerts.foreignIpProvince', kind: 'boolean' },
      { key: 'alerts.manyIpsCount', kind: 'integer', min: 2, max: 100, unit: 'networks' },
      { key: 'alerts.manyIpsWindowMinutes', kind: 'integer', min: 5, max: 1440, unit: 'minutes' },
      { key: 'alerts.answerMinSeconds', kind: 'number', min: 0.2, max: 10, step: 0.1, unit: 'seconds' },
      { key: 'alerts.fastAnswerCount', kind: 'integer', min: 1, max: 20, unit: 'count' },
      { key: 'alerts.faceFailStreak', kind: 'integer', min: 2, max: 50, unit: 'count' },
      { key: 'alerts.faceMismatchCount', kind: 'integer', min: 1, max: 50, unit: 'count' },
      { key: 'alerts.sharedDeviceMinAccounts', kind: 'integer', min: 2, max: 50, unit: 'accounts' },
      { key: 'alerts.sharedDeviceSwitchesPerDay', kind: 'integer', min: 2, max: 100, unit: 'count' },
      { key: 'alerts.capOverrunMinutes', kind: 'integer', min: 5, max: 600, unit: 'minutes' },
      { key: 'alerts.allNightMinutes', kind: 'integer', min: 30, max: 360, unit: 'minutes' },
      { key: 'alerts.seekAheadPerHour', kind: 'integer', min: 1, max: 500, unit: 'count' },
      { key: 'alerts.checkDodgeCount', kind: 'integer', min: 1, max: 50, unit: 'count' },
      { key: 'alerts.checkDodgeWindowMinutes', kind: 'integer', min: 5, max: 1440, unit: 'minutes' },
      { key: 'alerts.playedThroughChecks', kind: 'integer', min: 1, max: 50, unit: 'count' },
    ],
  },
  {
    key: 'review',
    fields: [
      { key: 'reviewDeadlineWorkingDays', kind: 'integer', min: 1, max: 30, unit: 'workingDays' },
      { key: 'attendanceRadiusMeters', kind: 'integer', min: 50, max: 5000, unit: 'meters' },
    ],
  },
];

export const POLICY_FIELDS: PolicyField[] = POLICY_GROUPS.flatMap((g) => g.fields);

export const fieldLabelKey = (field: PolicyField) => `manage.policy.fields.${field.key.replace('.', '_')}`;
export const fieldHelpKey = (field: PolicyField) => `manage.policy.help.${field.key.replace('.', '_')}`;

/** The form's name path of a field: ["faceCheck", "retries"]. */
export const fieldPath = (field: PolicyField) => field.key.split('.');

/** A field's value in a document or override; undefined when an override does not set it. */
export function readField(document: PolicyOverride | PolicyDocument, field: PolicyField): unknown {
  const [head, tail] = field.key.split('.') as [string, string | undefined];
  const value = (document as Record<string, unknown>)[head];
  if (tail === undefined) return value;
  return (value as Record<string, unknown> | undefined)?.[tail];
}

/** Document value → form value (shares are edited as percentages). */
export function toFormValue(field: PolicyField, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  return field.kind === 'percent' ? Math.round(Number(value) * 1000) / 10 : value;
}

export function fromFormValue(field: PolicyField, value: unknown): unknown {
  return field.kind === 'percent' ? Math.round(Number(value) * 10) / 1000 : value;
}

/** Builds a document (or an override, with only `keys`) from form values. */
export function buildDocument(values: Record<string, unknown>, keys: readonly string[]): PolicyOverride {
  const document: Record<string, unknown> = {};
  for (const field of POLICY_FIELDS) {
    if (!keys.includes(field.key)) continue;
    const path = fieldPath(field);
    const raw =
      path.length === 1 ? values[path[0]] : (values[path[0]] as Record<string, unknown> | undefined)?.[path[1]];
    const value = fromFormValue(field, raw);
    if (path.length === 1) document[path[0]] = value;
    else document[path[0]] = { ...(document[path[0]] as object | undefined), [path[1]]: value };
  }
  return document;
}

/** Form values from a document (and, for an override, the inherited document under it). */
export function formValues(document: PolicyOverride | PolicyDocument): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of POLICY_FIELDS) {
    const value = toFormValue(field, readField(document, field));
    if (value === undefined) continue;
    const path = fieldPath(field);
    if (path.length === 1) values[path[0]] = value;
    else values[path[0]] = { ...(values[path[0]] as object | undefined), [path[1]]: value };
  }
  return values;
}

/** The fields an override sets. */
export function overriddenKeys(document: PolicyOverride): string[] {
  return POLICY_FIELDS.filter((f) => readField(document, f) !== undefined).map((f) => f.key);
}
