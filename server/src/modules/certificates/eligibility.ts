// Who earns a training certificate when a class closes, as a pure function of the facts: the hours online (under the
// class's policy version) and offline against what the class requires, both assessments passed, no confirmed fraud
// finding on the learner in this class and no subsidy hold. A refused learner gets every reason that applies, item
// by item, like the class pre-checks (classes/prechecks.ts).

export type EligibilityCode =
  'hours_online' | 'hours_offline' | 'theory_not_passed' | 'practical_not_passed' | 'fraud_confirmed' | 'subsidy_hold';

export type EligibilityReason = { code: EligibilityCode; zh: string; en: string };

export type EligibilityFacts = {
  onlineHours: number;
  onlineRequiredHours: number;
  offlineHours: number;
  offlineRequiredHours: number;
  assessment: {
    theoryScore: number | null;
    theoryPassed: boolean;
    practicalScore: number | null;
    practicalPassed: boolean;
  };
  /** Confirmed fraud findings (alerts) on this learner in this class. */
  confirmedFraudFindings: number;
  /** An open subsidy hold on this learner for this class. */
  subsidyHold: boolean;
};

export type Eligibility = { eligible: boolean; reasons: EligibilityReason[] };

const score = (s: number | null, zh: boolean) => (s === null ? (zh ? '无成绩' : 'no score') : String(s));

export function assessEligibility(f: EligibilityFacts): Eligibility {
  const reasons: EligibilityReason[] = [];
  if (f.onlineHours < f.onlineRequiredHours)
    reasons.push({
      code: 'hours_online',
      zh: `线上学时不足：已完成 ${f.onlineHours} 学时，要求 ${f.onlineRequiredHours} 学时`,
      en: `Online hours short: ${f.onlineHours} of the ${f.onlineRequiredHours} required`,
    });
  if (f.offlineHours < f.offlineRequiredHours)
    reasons.push({
      code: 'hours_offline',
      zh: `线下学时不足：已完成 ${f.offlineHours} 学时，要求 ${f.offlineRequiredHours} 学时`,
      en: `Offline hours short: ${f.offlineHours} of the ${f.offlineRequiredHours} required`,
    });
  if (!f.assessment.theoryPassed)
    reasons.push({
      code: 'theory_not_passed',
      zh: `理论考核未通过（${score(f.assessment.theoryScore, true)}）`,
      en: `Theory assessment not passed (${score(f.assessment.theoryScore, false)})`,
    });
  if (!f.assessment.practicalPassed)
    reasons.push({
      code: 'practical_not_passed',
      zh: `实操考核未通过（${score(f.assessment.practicalScore, true)}）`,
      en: `Practical assessment not passed (${score(f.assessment.practicalScore, false)})`,
    });
  if (f.confirmedFraudFindings > 0)
    reasons.push({
      code: 'fraud_confirmed',
      zh: `本班存在 ${f.confirmedFraudFindings} 条已确认的违规预警`,
      en: `${f.confirmedFraudFindings} confirmed fraud finding(s) in this class`,
    });
  if (f.subsidyHold)
    reasons.push({
      code: 'subsidy_hold',
      zh: '补贴资格被冻结，尚未解除',
      en: 'The subsidy eligibility is on hold',
    });
  return { eligible: reasons.length === 0, reasons };
}
