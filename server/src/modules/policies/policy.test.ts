import { describe, expect, it } from 'vitest';
import { applyOverride, checkPolicy, policyScopesFor, resolvePolicy, type PolicyDocument } from './policy.js';

const national: PolicyDocument = {
  classHourMinutes: 45,
  maxOnlineShare: 0.5,
  onlineHourFactor: 1,
  requiredGeneralModules: ['law', 'safety'],
  heartbeatSeconds: 20,
  maxPlaybackRate: 1,
  dailyCapHours: 8,
  faceCheck: { minPerLesson: 1, maxIntervalMinutes: 15, responseSeconds: 60, retries: 3 },
  reviewDeadlineWorkingDays: 3,
  attendanceRadiusMeters: 500,
};

describe('regional policy', () => {
  it('walks scopes from national down to the county', () => {
    expect(policyScopesFor('330203')).toEqual(['national', '330000', '330200', '330203']);
    expect(policyScopesFor('330000')).toEqual(['national', '330000']);
    expect(policyScopesFor(null)).toEqual(['national']);
  });

  it('applies the latest override of each ancestor, top down', () => {
    const overrides = [
      { scope: '330200', version: 1, id: 'nb1', document: { classHourMinutes: 30 } },
      { scope: '330000', version: 1, id: 'zj1', document: { dailyCapHours: 6, faceCheck: { maxIntervalMinutes: 10 } } },
      { scope: '330000', version: 2, id: 'zj2', document: { dailyCapHours: 5 } },
    ];
    const ningbo = resolvePolicy(national, overrides, '330203');
    expect(ningbo.document.classHourMinutes).toBe(30);
    expect(ningbo.document.dailyCapHours).toBe(5);
    // Version 2 replaces version 1 entirely: its faceCheck change is no longer in force.
    expect(ningbo.document.faceCheck).toEqual(national.faceCheck);
    expect(ningbo.applied.map((a) => a.id)).toEqual(['zj2', 'nb1']);
    expect(resolvePolicy(national, overrides, '330106').document.classHourMinutes).toBe(45);
  });

  it('merges nested face-check settings field by field', () => {
    expect(applyOverride(national, { faceCheck: { retries: 5 } }).faceCheck).toEqual({
      ...national.faceCheck,
      retries: 5,
    });
  });

  it('validates documents and overrides, naming the bad field', () => {
    expect(checkPolicy('document', national)).toEqual([]);
    expect(checkPolicy('override', { classHourMinutes: 30 })).toEqual([]);
    expect(checkPolicy('override', { classHourMinutes: 5 })[0].path).toBe('/classHourMinutes');
    expect(checkPolicy('override', { unknownRule: 1 })).not.toEqual([]);
    expect(checkPolicy('document', { classHourMinutes: 45 })).not.toEqual([]);
  });
});
