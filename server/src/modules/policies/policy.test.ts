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

  it('keeps the subsidy block versioned with the document: a region replaces the rules, keeps the limits it does not set', () => {
    const withSubsidies: PolicyDocument = { ...national, subsidies: { maxTrainingsPerYear: 3, rules: [] } };
    const overrides = [
      {
        scope: '330000',
        version: 1,
        id: 'zj1',
        document: {
          subsidies: {
            maxTrainingsPerYear: 2,
            rules: [{ id: 'zj', kind: 'cost_share' as const, shareBp: 9500, capFen: 80_000 }],
          },
        },
      },
      {
        scope: '330200',
        version: 1,
        id: 'nb1',
        document: {
          subsidies: {
            rules: [{ id: 'nb', kind: 'hour_tiers' as const, tiers: [{ minHours: 16, amountFen: 30_000 }] }],
          },
        },
      },
    ];
    const ningbo = resolvePolicy(withSubsidies, overrides, '330203').document.subsidies;
    expect(ningbo?.maxTrainingsPerYear).toBe(2);
    expect(ningbo?.rules.map((r) => r.id)).toEqual(['nb']);
    expect(resolvePolicy(withSubsidies, overrides, '330106').document.subsidies?.rules.map((r) => r.id)).toEqual([
      'zj',
    ]);
    // A document without the block (published before it) gets the defaults under an override.
    expect(applyOverride(national, { subsidies: { rules: [] } }).subsidies).toEqual({
      maxTrainingsPerYear: 3,
      rules: [],
    });
  });

  it('validates subsidy rules: money in whole fen, known kinds only', () => {
    expect(
      checkPolicy('override', { subsidies: { rules: [{ id: 'a', kind: 'per_hour', perHourFen: 3000 }] } }),
    ).toEqual([]);
    expect(
      checkPolicy('override', { subsidies: { rules: [{ id: 'a', kind: 'per_hour', perHourFen: 30.5 }] } }),
    ).not.toEqual([]);
    expect(checkPolicy('override', { subsidies: { rules: [{ id: 'a', kind: 'lottery', amountFen: 1 }] } })).not.toEqual(
      [],
    );
    expect(
      checkPolicy('override', { subsidies: { rules: [{ id: 'a', kind: 'certificate_level', levelsFen: [1, 2, 3] }] } }),
    ).not.toEqual([]);
  });
});
