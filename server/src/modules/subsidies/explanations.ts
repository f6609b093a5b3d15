// The items a learner's subsidy is explained with: a stable code, its figures, and the sentence in zh-CN and English
// (stored with the claim line, so the explanation a person read is the one the amount was computed with).

export type Explanation = {
  code: ExplanationCode;
  params: Record<string, string | number>;
  zh: string;
  en: string;
};

/** Fen as yuan with two decimals, in integers (no floating point): 150000 → "1,500.00". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

const GROUP_ZH: Record<string, string> = {
  poor_labourer: '贫困劳动力',
  employment_difficulty: '就业困难人员',
  zero_employment_family: '零就业家庭成员',
  two_after_rural_youth: '农村“两后生”',
  urban_low_income: '城市低保家庭成员',
};
const GROUP_EN: Record<string, string> = {
  poor_labourer: 'poor labourer',
  employment_difficulty: 'person with employment difficulties',
  zero_employment_family: 'member of a zero-employment family',
  two_after_rural_youth: '"two-after" rural youth',
  urban_low_income: 'member of an urban low-income family',
};

type P = Record<string, string | number>;
const y = (p: P, k: string) => formatFen(Number(p[k]));

const TEXT = {
  no_rules: [() => '本班适用的政策未规定补贴', () => 'The policy of this class sets no subsidy'],
  on_hold: [
    (p: P) => `补贴被预警暂停（${p.count} 项），解除前不予发放`,
    (p: P) => `Subsidy on hold by ${p.count} alert(s); nothing is paid until released`,
  ],
  confirmed_finding: [
    (p: P) => `有 ${p.count} 项已确认的违规认定，不予补贴`,
    (p: P) => `${p.count} confirmed finding(s) of misconduct; no subsidy`,
  ],
  same_occupation_level: [
    (p: P) => `同一职业（${p.occupation}）同一等级（${p.level} 级）已享受过补贴，不得重复享受`,
    (p: P) => `Already subsidised once for occupation ${p.occupation} at level ${p.level}; never twice`,
  ],
  trainings_per_year: [
    (p: P) => `${p.year} 年已享受 ${p.max} 次培训补贴，达到每年上限`,
    (p: P) => `Already ${p.max} subsidised trainings in ${p.year}: the yearly limit`,
  ],
  no_skill_certificate: [() => '未取得本职业的职业技能等级证书', () => 'No skill-level certificate of this occupation'],
  skill_level_other: [
    (p: P) => `所持等级证书为 ${p.held} 级，与本班等级（${p.level} 级）不符`,
    (p: P) => `The certificate held is level ${p.held}, not the class's level ${p.level}`,
  ],
  skill_level_amount: [
    (p: P) => `取得 ${p.level} 级职业技能等级证书（${p.number}），补贴 ¥${y(p, 'fen')}`,
    (p: P) => `Skill-level certificate level ${p.level} (${p.number}): CNY ${y(p, 'fen')}`,
  ],
  per_hour: [
    (p: P) => `认定学时 ${p.hours} × 每学时 ¥${y(p, 'perHourFen')} = ¥${y(p, 'fen')}（不足一分舍去）`,
    (p: P) => `${p.hours} credited hours × CNY ${y(p, 'perHourFen')} = CNY ${y(p, 'fen')} (rounded down to the fen)`,
  ],
  below_tiers: [
    (p: P) => `认定学时 ${p.hours}，未达到最低档 ${p.minHours} 学时`,
    (p: P) => `${p.hours} credited hours, below the lowest tier of ${p.minHours} hours`,
  ],
  tier: [
    (p: P) => `认定学时 ${p.hours}，达到 ${p.minHours} 学时档，补贴 ¥${y(p, 'fen')}`,
    (p: P) => `${p.hours} credited hours reach the ${p.minHours}-hour tier: CNY ${y(p, 'fen')}`,
  ],
  below_min_hours: [
    (p: P) => `认定学时 ${p.hours}，未达到 ${p.minHours} 学时`,
    (p: P) => `${p.hours} credited hours, below the minimum of ${p.minHours}`,
  ],
  per_head_trainee: [
    (p: P) => `学时达到 ${p.minHours}，补贴学员 ¥${y(p, 'fen')}`,
    (p: P) => `At least ${p.minHours} hours: CNY ${y(p, 'fen')} to the trainee`,
  ],
  per_head_institution: [
    (p: P) => `学时达到 ${p.minHours}，按人补贴培训机构 ¥${y(p, 'fen')}`,
    (p: P) => `At least ${p.minHours} hours: CNY ${y(p, 'fen')} per trainee to the institution`,
  ],
  no_cost_declared: [() => '未申报企业实际培训成本', () => "The enterprise's actual training cost was not declared"],
  cost_share: [
    (p: P) =>
      `实际培训成本 ¥${y(p, 'costFen')} × ${p.percent}% = ¥${y(p, 'shareFen')}，每人每项目上限 ¥${y(p, 'capFen')}，补贴 ¥${y(p, 'fen')}`,
    (p: P) =>
      `Actual cost CNY ${y(p, 'costFen')} × ${p.percent}% = CNY ${y(p, 'shareFen')}, capped at CNY ${y(p, 'capFen')} per person per project: CNY ${y(p, 'fen')}`,
  ],
  not_target_group: [() => '不属于生活费补贴的重点群体', () => 'Not in a target group of the living allowance'],
  target_group_unconfirmed: [
    (p: P) => `重点群体身份（${GROUP_ZH[String(p.group)] ?? p.group}）尚未经监管部门确认`,
    (p: P) => `Target-group membership (${GROUP_EN[String(p.group)] ?? p.group}) not yet confirmed by the regulator`,
  ],
  living_allowance: [
    (p: P) =>
      `${GROUP_ZH[String(p.group)] ?? p.group}，培训 ${p.days} 天 × 每天 ¥${y(p, 'perDayFen')} = ¥${y(p, 'fen')}`,
    (p: P) =>
      `${GROUP_EN[String(p.group)] ?? p.group}: ${p.days} training days × CNY ${y(p, 'perDayFen')} = CNY ${y(p, 'fen')}`,
  ],
  exam_not_passed: [() => '考核未通过或尚无考核结果', () => 'The assessment was not passed (or has no result yet)'],
  no_training_certificate: [() => '尚未取得培训合格证书', () => 'No training certificate yet'],
  stage_theory_incomplete: [
    () => '分段拨付：线上理论尚未完成，暂不发放',
    () => 'Staged payment: online theory not complete yet, nothing payable',
  ],
  stage_theory: [
    (p: P) => `分段拨付：线上理论已完成，先发放 ${p.percent}%，即 ¥${y(p, 'fen')}；其余取得证书后发放`,
    (p: P) =>
      `Staged payment: online theory complete, ${p.percent}% now (CNY ${y(p, 'fen')}); the rest after the certificate`,
  ],
  stage_final: [
    (p: P) => `分段拨付：已取得培训合格证书（${p.number}），发放全部`,
    (p: P) => `Staged payment: training certificate ${p.number} held, the whole amount is due`,
  ],
  already_granted: [
    (p: P) => `本班此前已核定 ¥${y(p, 'fen')}，本次只计差额`,
    (p: P) => `CNY ${y(p, 'fen')} already granted for this class; only the difference now`,
  ],
  yearly_cap: [
    (p: P) => `每人每年上限 ¥${y(p, 'capFen')}，本年已享受 ¥${y(p, 'usedFen')}，本次至多 ¥${y(p, 'fen')}`,
    (p: P) =>
      `Yearly cap CNY ${y(p, 'capFen')} per person, CNY ${y(p, 'usedFen')} used this year: at most CNY ${y(p, 'fen')} now`,
  ],
} satisfies Record<string, readonly [(p: P) => string, (p: P) => string]>;

export type ExplanationCode = keyof typeof TEXT;
export const EXPLANATION_CODES = Object.keys(TEXT) as ExplanationCode[];

export function explain(code: ExplanationCode, params: P): Explanation {
  const [zh, en] = TEXT[code];
  return { code, params, zh: zh(params), en: en(params) };
}
