import { describe, expect, it } from 'vitest';
import { assessEligibility, type EligibilityFacts } from './eligibility.js';

const complete: EligibilityFacts = {
  onlineHours: 40,
  onlineRequiredHours: 40,
  offlineHours: 40,
  offlineRequiredHours: 40,
  assessment: { theoryScore: 82, theoryPassed: true, practicalScore: 75, practicalPassed: true },
  confirmedFraudFindings: 0,
  subsidyHold: false,
};
const codes = (f: Partial<EligibilityFacts>) => assessEligibility({ ...complete, ...f }).reasons.map((r) => r.code);

describe('certificate eligibility', () => {
  it('certifies a learner who completed the hours, passed both assessments and has no finding or hold', () => {
    expect(assessEligibility(complete)).toEqual({ eligible: true, reasons: [] });
    // More hours than required are fine.
    expect(assessEligibility({ ...complete, onlineHours: 52.5, offlineHours: 41 }).eligible).toBe(true);
  });

  it('refuses short online hours, saying how many of how many', () => {
    const verdict = assessEligibility({ ...complete, onlineHours: 39.9 });
    expect(verdict.eligible).toBe(false);
    expect(verdict.reasons).toEqual([
      {
        code: 'hours_online',
        zh: '线上学时不足：已完成 39.9 学时，要求 40 学时',
        en: 'Online hours short: 39.9 of the 40 required',
      },
    ]);
  });

  it('refuses short offline hours', () => {
    expect(codes({ offlineHours: 12 })).toEqual(['hours_offline']);
  });

  it('refuses a failed or missing theory assessment', () => {
    expect(codes({ assessment: { ...complete.assessment, theoryScore: 55, theoryPassed: false } })).toEqual([
      'theory_not_passed',
    ]);
    const missing = assessEligibility({
      ...complete,
      assessment: { ...complete.assessment, theoryScore: null, theoryPassed: false },
    });
    expect(missing.reasons[0]).toMatchObject({ code: 'theory_not_passed', zh: '理论考核未通过（无成绩）' });
  });

  it('refuses a failed practical assessment', () => {
    expect(codes({ assessment: { ...complete.assessment, practicalScore: 40, practicalPassed: false } })).toEqual([
      'practical_not_passed',
    ]);
  });

  it('refuses a learner with a confirmed fraud finding in the class', () => {
    expect(codes({ confirmedFraudFindings: 2 })).toEqual(['fraud_confirmed']);
  });

  it('refuses a learner whose subsidy is on hold', () => {
    expect(codes({ subsidyHold: true })).toEqual(['subsidy_hold']);
  });

  it('gives every reason that applies, item by item, in a fixed order', () => {
    const verdict = assessEligibility({
      onlineHours: 0,
      onlineRequiredHours: 40,
      offlineHours: 0,
      offlineRequiredHours: 40,
      assessment: { theoryScore: null, theoryPassed: false, practicalScore: null, practicalPassed: false },
      confirmedFraudFindings: 1,
      subsidyHold: true,
    });
    expect(verdict.eligible).toBe(false);
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'hours_online',
      'hours_offline',
      'theory_not_passed',
      'practical_not_passed',
      'fraud_confirmed',
      'subsidy_hold',
    ]);
    for (const r of verdict.reasons) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en).toMatch(/[a-z]/);
    }
  });
});
