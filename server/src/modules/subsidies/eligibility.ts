import type { SubsidyBlock, SubsidyRule, SubsidyRuleKind, TargetGroup } from '../policies/index.js';
import { explain, type Explanation } from './explanations.js';

// Eligibility as a pure function (issue 17): a learner's evidence for one training (class) and the rules of the
// policy versions the class keeps → what is payable now, to whom, and why, item by item.
//
// Money is integer fen throughout. ROUNDING RULE: where a rule multiplies (credited hours × amount per hour,
// cost × share, amount × staged share) the product is computed in integers and rounded DOWN to the whole fen
// (Math.floor of a non-negative integer quotient): nothing is paid that the evidence does not support. Hours arrive
// as tenths of a class hour (one decimal, already rounded down by class progress).
//
// Person-level limits are applied against `earlier`, the person's grants still in force platform-wide (every
// institution and region, keyed by the ID lookup hash): never twice for the same occupation and level, at most
// `maxTrainingsPerYear` trainings a Beijing year, and each rule's `yearlyCapFen` across rules of its kind. The claim
// service calls this under a per-person lock with `earlier` read inside the lock, so what it computes holds.

export type Payee = 'trainee' | 'institution';
export type Stage = 'whole' | 'theory' | 'final';

/** A grant of the same person still in force (reserved by a pending claim line, approved or paid). */
export type EarlierGrant = {
  classId: string;
  ruleId: string;
  kind: SubsidyRuleKind;
  payee: Payee;
  occupationCode: string;
  level: number;
  year: number;
  amountFen: number;
};

export type Evidence = {
  classId: string;
  occupationCode: string;
  /** The class's skill level (5 = 初级 … 1 = 高级技师). */
  level: number;
  /** Beijing year of the claim. */
  year: number;
  /** Credited class hours in tenths: online (counted with the policy's factor, under the class's policy) + offline. */
  creditedTenths: number;
  onlineTenths: number;
  offlineTenths: number;
  /** Every online lesson of the class is complete. */
  theoryComplete: boolean;
  /** Days of training attended (living allowance). */
  trainingDays: number;
  exam: { passed: boolean } | null;
  trainingCertificate: { number: string; issuedAt: string } | null;
  /** The person's skill-level certificate of the class's occupation, if any. */
  skillLevel: { level: 1 | 2 | 3 | 4 | 5; number: string } | null;
  /** Subsidy holds still held for the learner in this class (or in every class). */
  openHolds: number;
  /** Confirmed findings (alerts) about the learner in this class, or about the class. */
  confirmedFindings: number;
  /** The enterprise's actual training cost for this person (cost share), as declared with the claim. */
  enterpriseCostFen: number | null;
  /** Target-group membership, and whether a regulator confirmed it (living allowance). */
  targetGroup: { group: TargetGroup; confirmed: boolean } | null;
  earlier: readonly EarlierGrant[];
};

export type EligibilityLine = {
  ruleId: string;
  kind: SubsidyRuleKind;
  payee: Payee;
  stage: Stage;
  /** Payable now (after what earlier stages of this class already granted and after caps). */
  amountFen: number;
  explanation: Explanation[];
};

export type Eligibility = {
  amountFen: number;
  traineeFen: number;
  institutionFen: number;
  /** Why the learner gets nothing at all, when a person-level reason decides (hold, finding, limit). */
  blocked: Explanation[];
  lines: EligibilityLine[];
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** floor(a × b / c) for non-negative integers, in integers (BigInt past the safe range). */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return Math.floor(p / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}
const hours = (tenths: number) => tenths / 10;

/** What one rule would pay in full for this evidence, per payee, with the reasons (before stages, earlier grants, caps). */
function fullAmounts(rule: SubsidyRule, ev: Evidence): { payee: Payee; fen: number; why: Explanation[] }[] {
  switch (rule.kind) {
    case 'certificate_level': {
      if (!ev.skillLevel) return [{ payee: 'trainee', fen: 0, why: [explain('no_skill_certificate', {})] }];
      if (ev.skillLevel.level !== ev.level)
        return [
          {
            payee: 'trainee',
            fen: 0,
            why: [explain('skill_level_other', { held: ev.skillLevel.level, level: ev.level })],
          },
        ];
      const fen = rule.levelsFen[5 - ev.level] ?? 0;
      return [
        {
          payee: 'trainee',
          fen,
          why: [explain('skill_level_amount', { level: ev.level, number: ev.skillLevel.number, fen })],
        },
      ];
    }
    case 'per_hour': {
      const fen = mulDivFloor(rule.perHourFen, ev.creditedTenths, 10);
      return [
        {
          payee: 'trainee',
          fen,
          why: [explain('per_hour', { hours: hours(ev.creditedTenths), perHourFen: rule.perHourFen, fen })],
        },
      ];
    }
    case 'hour_tiers': {
      // The best tier the hours reach: a document whose amounts do not rise with the hours must not pay less for more
      // hours, so of the tiers reached the largest amount is paid (the highest tier on equal amounts).
      const reached = rule.tiers
        .filter((t) => t.minHours * 10 <= ev.creditedTenths)
        .sort((a, b) => b.amountFen - a.amountFen || b.minHours - a.minHours)[0];
      if (!reached) {
        const lowest = Math.min(...rule.tiers.map((t) => t.minHours));
        return [
          {
            payee: 'trainee',
            fen: 0,
            why: [explain('below_tiers', { hours: hours(ev.creditedTenths), minHours: lowest })],
          },
        ];
      }
      return [
        {
          payee: 'trainee',
          fen: reached.amountFen,
          why: [
            explain('tier', { hours: hours(ev.creditedTenths), minHours: reached.minHours, fen: reached.amountFen }),
          ],
        },
      ];
    }
    case 'per_head': {
      if (ev.creditedTenths < rule.minHours * 10) {
        const why = [explain('below_min_hours', { hours: hours(ev.creditedTenths), minHours: rule.minHours })];
        return [
          { payee: 'trainee', fen: 0, why },
          { payee: 'institution', fen: 0, why },
        ];
      }
      return [
        {
          payee: 'trainee',
          fen: rule.traineeFen,
          why: [explain('per_head_trainee', { minHours: rule.minHours, fen: rule.traineeFen })],
        },
        {
          payee: 'institution',
          fen: rule.institutionFen,
          why: [explain('per_head_institution', { minHours: rule.minHours, fen: rule.institutionFen })],
        },
      ];
    }
    case 'cost_share': {
      if (ev.enterpriseCostFen === null) return [{ payee: 'trainee', fen: 0, why: [explain('no_cost_declared', {})] }];
      const share = mulDivFloor(ev.enterpriseCostFen, rule.shareBp, 10_000);
      const fen = Math.min(share, rule.capFen);
      return [
        {
          payee: 'trainee',
          fen,
          why: [
            explain('cost_share', {
              costFen: ev.enterpriseCostFen,
              percent: rule.shareBp / 100,
              shareFen: share,
              capFen: rule.capFen,
              fen,
            }),
          ],
        },
      ];
    }
    case 'living_allowance': {
      const member = ev.targetGroup;
      if (!member || !rule.groups.includes(member.group))
        return [{ payee: 'trainee', fen: 0, why: [explain('not_target_group', {})] }];
      if (!member.confirmed)
        return [{ payee: 'trainee', fen: 0, why: [explain('target_group_unconfirmed', { group: member.group })] }];
      const days = Math.min(ev.trainingDays, rule.maxDays ?? ev.trainingDays);
      const fen = rule.perDayFen * days;
      return [
        {
          payee: 'trainee',
          fen,
          why: [explain('living_allowance', { group: member.group, days, perDayFen: rule.perDayFen, fen })],
        },
      ];
    }
  }
}

/** The stage a rule is payable at, and the share of its full amount payable then. */
function staged(rule: SubsidyRule, ev: Evidence, full: number): { stage: Stage; fen: number; why: Explanation[] } {
  if (rule.stagedAfterTheoryBp === undefined) return { stage: 'whole', fen: full, why: [] };
  if (ev.trainingCertificate)
    return {
      stage: 'final',
      fen: full,
      why: [explain('stage_final', { number: ev.trainingCertificate.number })],
    };
  if (!ev.theoryComplete) return { stage: 'theory', fen: 0, why: [explain('stage_theory_incomplete', {})] };
  const fen = mulDivFloor(full, rule.stagedAfterTheoryBp, 10_000);
  return { stage: 'theory', fen, why: [explain('stage_theory', { percent: rule.stagedAfterTheoryBp / 100, fen })] };
}

/** Person-level reasons that decide everything: holds, findings, the same occupation and level, trainings a year. */
function blockedBy(ev: Evidence, block: SubsidyBlock): Explanation[] {
  const out: Explanation[] = [];
  if (ev.openHolds > 0) out.push(explain('on_hold', { count: ev.openHolds }));
  if (ev.confirmedFindings > 0) out.push(explain('confirmed_finding', { count: ev.confirmedFindings }));
  const sameOccupation = ev.earlier.find(
    (g) => g.classId !== ev.classId && g.occupationCode === ev.occupationCode && g.level === ev.level,
  );
  if (sameOccupation) out.push(explain('same_occupation_level', { occupation: ev.occupationCode, level: ev.level }));
  const thisYear = ev.earlier.filter((g) => g.year === ev.year);
  const others = new Set(thisYear.filter((g) => g.classId !== ev.classId).map((g) => g.classId));
  const alreadyCounted = thisYear.some((g) => g.classId === ev.classId);
  if (!alreadyCounted && others.size >= block.maxTrainingsPerYear)
    out.push(explain('trainings_per_year', { year: ev.year, max: block.maxTrainingsPerYear }));
  return out;
}

export function eligibility(ev: Evidence, block: SubsidyBlock): Eligibility {
  const blocked = blockedBy(ev, block);
  if (blocked.length > 0 || block.rules.length === 0) {
    const none = block.rules.length === 0 ? [explain('no_rules', {})] : [];
    return { amountFen: 0, traineeFen: 0, institutionFen: 0, blocked: [...blocked, ...none], lines: [] };
  }
  // What rules of each kind already paid this person this year, per payee; lines computed here add to it, so two
  // rules of one kind share their cap.
  const usedThisYear = new Map<string, number>();
  for (const g of ev.earlier)
    if (g.year === ev.year)
      usedThisYear.set(`${g.kind}/${g.payee}`, (usedThisYear.get(`${g.kind}/${g.payee}`) ?? 0) + g.amountFen);

  const lines: EligibilityLine[] = [];
  for (const rule of block.rules) {
    const gates: Explanation[] = [];
    if (rule.requiresExamPass && !ev.exam?.passed) gates.push(explain('exam_not_passed', {}));
    if (rule.requiresTrainingCertificate && !ev.trainingCertificate) gates.push(explain('no_training_certificate', {}));
    for (const part of fullAmounts(rule, ev)) {
      const why = [...part.why, ...gates];
      const stage = staged(rule, ev, part.fen);
      why.push(...stage.why);
      const entitled = gates.length > 0 ? 0 : stage.fen;
      const already = sum(
        ev.earlier
          .filter((g) => g.classId === ev.classId && g.ruleId === rule.id && g.payee === part.payee)
          .map((g) => g.amountFen),
      );
      let amount = Math.max(0, entitled - already);
      if (already > 0) why.push(explain('already_granted', { fen: already }));
      if (rule.yearlyCapFen !== undefined) {
        const key = `${rule.kind}/${part.payee}`;
        const used = usedThisYear.get(key) ?? 0;
        const left = Math.max(0, rule.yearlyCapFen - used);
        if (amount > left) {
          why.push(explain('yearly_cap', { capFen: rule.yearlyCapFen, usedFen: used, fen: left }));
          amount = left;
        }
        usedThisYear.set(key, used + amount);
      }
      lines.push({
        ruleId: rule.id,
        kind: rule.kind,
        payee: part.payee,
        stage: stage.stage,
        amountFen: amount,
        explanation: why,
      });
    }
  }
  const traineeFen = sum(lines.filter((l) => l.payee === 'trainee').map((l) => l.amountFen));
  const institutionFen = sum(lines.filter((l) => l.payee === 'institution').map((l) => l.amountFen));
  return { amountFen: traineeFen + institutionFen, traineeFen, institutionFen, blocked: [], lines };
}
