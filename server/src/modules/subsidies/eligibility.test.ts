import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGIONAL_OVERRIDES } from '../catalog/index.js';
import type { SubsidyBlock, SubsidyRule } from '../policies/index.js';
import { eligibility, mulDivFloor, type EarlierGrant, type Evidence } from './eligibility.js';
import { formatFen } from './explanations.js';

// The demo rules exactly as the seed ships them (catalog/data/national-policy.ts), so the sourced figures are tested.
const shipped = (scope: string): SubsidyRule[] => {
  const rules = REGIONAL_OVERRIDES.find((o) => o.scope === scope)?.document.subsidies?.rules;
  if (!rules) throw new Error(`no subsidy rules shipped for ${scope}`);
  return rules;
};
const block = (rules: SubsidyRule[], maxTrainingsPerYear = 3): SubsidyBlock => ({ maxTrainingsPerYear, rules });
const HAINAN = shipped('460000');
const GUANGDONG = shipped('440000');
const NINGBO = shipped('330200');
const ZHEJIANG = shipped('330000');

function ev(over: Partial<Evidence> = {}): Evidence {
  return {
    classId: 'c1',
    occupationCode: '6-31-01-03',
    level: 5,
    year: 2026,
    creditedTenths: 0,
    onlineTenths: 0,
    offlineTenths: 0,
    theoryComplete: false,
    trainingDays: 0,
    exam: null,
    trainingCertificate: null,
    skillLevel: null,
    openHolds: 0,
    confirmedFindings: 0,
    enterpriseCostFen: null,
    targetGroup: null,
    earlier: [],
    ...over,
  };
}
const grant = (over: Partial<EarlierGrant> = {}): EarlierGrant => ({
  classId: 'other',
  ruleId: 'r',
  kind: 'per_hour',
  payee: 'trainee',
  occupationCode: '4-10-01-01',
  level: 4,
  year: 2026,
  amountFen: 10_000,
  ...over,
});
const codes = (r: ReturnType<typeof eligibility>) => [
  ...r.blocked.map((e) => e.code),
  ...r.lines.flatMap((l) => l.explanation.map((e) => e.code)),
];

describe('per certificate level (Hainan 2025: levels 5..1 → CNY 1,500 / 1,800 / 2,200 / 3,500 / 5,000)', () => {
  const cert = block([HAINAN[0]]);
  it.each([
    [5, 150_000],
    [4, 180_000],
    [3, 220_000],
    [2, 350_000],
    [1, 500_000],
  ] as const)('level %i pays %i fen', (level, fen) => {
    const r = eligibility(ev({ level, skillLevel: { level, number: `ZS-${level}` } }), cert);
    expect(r.traineeFen).toBe(fen);
    expect(r.lines[0].explanation[0].zh).toContain(formatFen(fen));
  });
  it('pays nothing without the certificate, or for a certificate of another level', () => {
    expect(eligibility(ev({ level: 4 }), cert).amountFen).toBe(0);
    const other = eligibility(ev({ level: 4, skillLevel: { level: 5, number: 'ZS' } }), cert);
    expect(other.amountFen).toBe(0);
    expect(codes(other)).toContain('skill_level_other');
  });
});

describe('per credited class hour with a yearly cap (Guangdong: CNY 30 an hour, CNY 1,000 a year)', () => {
  const gd = block(GUANGDONG);
  it('pays per hour, rounded down to the fen', () => {
    expect(eligibility(ev({ creditedTenths: 200 }), gd).traineeFen).toBe(60_000);
    expect(eligibility(ev({ creditedTenths: 33 }), gd).traineeFen).toBe(9900);
    // 0.5 h × 333 fen = 166.5 fen → 166.
    expect(
      eligibility(ev({ creditedTenths: 5 }), block([{ id: 'x', kind: 'per_hour', perHourFen: 333 }])).amountFen,
    ).toBe(166);
  });
  it('stops at the yearly cap, counting what the person got this year elsewhere, not in other years', () => {
    expect(eligibility(ev({ creditedTenths: 400 }), gd).traineeFen).toBe(100_000);
    const used = [grant({ kind: 'per_hour', amountFen: 80_000 })];
    const r = eligibility(ev({ creditedTenths: 400, earlier: used }), gd);
    expect(r.traineeFen).toBe(20_000);
    expect(codes(r)).toContain('yearly_cap');
    expect(
      eligibility(ev({ creditedTenths: 400, earlier: [grant({ year: 2025, amountFen: 80_000 })] }), gd).amountFen,
    ).toBe(100_000);
  });
});

describe('tiers by completed hours (Ningbo: 16 h → 300, 32 h → 500, 48 h → 800)', () => {
  it.each([
    [159, 0],
    [160, 30_000],
    [319, 30_000],
    [320, 50_000],
    [479, 50_000],
    [480, 80_000],
    [1000, 80_000],
  ])('%i tenths of an hour pay %i fen', (tenths, fen) => {
    expect(eligibility(ev({ creditedTenths: tenths }), block(NINGBO)).amountFen).toBe(fen);
  });
});

describe('per head to the trainee and to the institution (Hainan: 150 + 30, at least 60 h)', () => {
  const perHead = block([HAINAN[1]]);
  it('pays both payees from 60 hours on, nothing below', () => {
    const r = eligibility(ev({ creditedTenths: 600 }), perHead);
    expect([r.traineeFen, r.institutionFen, r.amountFen]).toEqual([15_000, 3000, 18_000]);
    const below = eligibility(ev({ creditedTenths: 599 }), perHead);
    expect(below.amountFen).toBe(0);
    expect(codes(below)).toContain('below_min_hours');
  });
});

describe("share of the enterprise's cost with a cap per person per project (Zhejiang: 95 %, CNY 800)", () => {
  const zj = block(ZHEJIANG);
  it('pays the share, rounded down, up to the cap; nothing without a declared cost', () => {
    expect(eligibility(ev({ enterpriseCostFen: 50_000 }), zj).amountFen).toBe(47_500);
    expect(eligibility(ev({ enterpriseCostFen: 33_333 }), zj).amountFen).toBe(31_666);
    expect(eligibility(ev({ enterpriseCostFen: 100_000 }), zj).amountFen).toBe(80_000);
    expect(eligibility(ev(), zj).amountFen).toBe(0);
  });
});

describe('living allowance per training day for target groups (figures made up: none are sourced)', () => {
  const living = block([
    { id: 'la', kind: 'living_allowance', perDayFen: 5000, maxDays: 20, groups: ['poor_labourer', 'urban_low_income'] },
  ]);
  it('pays confirmed members per day up to the maximum; unconfirmed or other groups get nothing', () => {
    const member = { group: 'poor_labourer' as const, confirmed: true };
    expect(eligibility(ev({ trainingDays: 12, targetGroup: member }), living).amountFen).toBe(60_000);
    expect(eligibility(ev({ trainingDays: 30, targetGroup: member }), living).amountFen).toBe(100_000);
    const unconfirmed = eligibility(ev({ trainingDays: 12, targetGroup: { ...member, confirmed: false } }), living);
    expect(unconfirmed.amountFen).toBe(0);
    expect(codes(unconfirmed)).toContain('target_group_unconfirmed');
    expect(
      eligibility(ev({ trainingDays: 12, targetGroup: { group: 'employment_difficulty', confirmed: true } }), living)
        .amountFen,
    ).toBe(0);
  });
});

describe('staged payment: 50 % after online theory, the rest after the certificate', () => {
  const stagedTiers = block([
    { ...(NINGBO[0] as Extract<SubsidyRule, { kind: 'hour_tiers' }>), stagedAfterTheoryBp: 5000 },
  ]);
  const ruleId = NINGBO[0].id;
  it('pays nothing before theory is complete, half after it, the rest with the certificate', () => {
    expect(eligibility(ev({ creditedTenths: 480 }), stagedTiers).amountFen).toBe(0);
    const first = eligibility(ev({ creditedTenths: 480, theoryComplete: true }), stagedTiers);
    expect(first.amountFen).toBe(40_000);
    expect(first.lines[0].stage).toBe('theory');
    const earlier = [
      grant({ classId: 'c1', ruleId, kind: 'hour_tiers', occupationCode: '6-31-01-03', level: 5, amountFen: 40_000 }),
    ];
    const rest = eligibility(
      ev({
        creditedTenths: 480,
        theoryComplete: true,
        trainingCertificate: { number: 'PX-1', issuedAt: '2026-05-01' },
        earlier,
      }),
      stagedTiers,
    );
    expect(rest.amountFen).toBe(40_000);
    expect(rest.lines[0].stage).toBe('final');
    expect(codes(rest)).toContain('already_granted');
  });
  it('rounds the first share down: 50.01 % of CNY 3.33 is 166 fen', () => {
    const odd = block([
      { id: 'o', kind: 'hour_tiers', tiers: [{ minHours: 1, amountFen: 333 }], stagedAfterTheoryBp: 5001 },
    ]);
    expect(eligibility(ev({ creditedTenths: 10, theoryComplete: true }), odd).amountFen).toBe(166);
  });
});

describe('gates and person-level limits', () => {
  const gd = block(GUANGDONG);
  it('requires a passed exam or the training certificate where a rule says so', () => {
    const rule: SubsidyRule = {
      id: 'g',
      kind: 'per_hour',
      perHourFen: 100,
      requiresExamPass: true,
      requiresTrainingCertificate: true,
    };
    expect(eligibility(ev({ creditedTenths: 100, exam: { passed: false } }), block([rule])).amountFen).toBe(0);
    expect(
      eligibility(
        ev({
          creditedTenths: 100,
          exam: { passed: true },
          trainingCertificate: { number: 'P', issuedAt: '2026-01-01' },
        }),
        block([rule]),
      ).amountFen,
    ).toBe(1000);
  });
  it('pays nothing while a hold is open or after a confirmed finding, and says why', () => {
    const held = eligibility(ev({ creditedTenths: 100, openHolds: 1 }), gd);
    expect(held.amountFen).toBe(0);
    expect(held.blocked.map((b) => b.code)).toEqual(['on_hold']);
    expect(held.blocked[0].en).toContain('on hold');
    expect(eligibility(ev({ creditedTenths: 100, confirmedFindings: 2 }), gd).blocked.map((b) => b.code)).toEqual([
      'confirmed_finding',
    ]);
  });
  it('never pays twice for the same occupation and level (another class, any year)', () => {
    const before = grant({ occupationCode: '6-31-01-03', level: 5, year: 2024 });
    const r = eligibility(ev({ creditedTenths: 100, earlier: [before] }), gd);
    expect(r.amountFen).toBe(0);
    expect(r.blocked.map((b) => b.code)).toEqual(['same_occupation_level']);
    // Another level of the same occupation is another training.
    expect(eligibility(ev({ creditedTenths: 100, level: 4, earlier: [before] }), gd).amountFen).toBe(30_000);
  });
  it('allows at most N trainings a year (3 unless the policy says otherwise)', () => {
    const three = ['a', 'b', 'c'].map((classId, i) => grant({ classId, occupationCode: `x-${i}`, kind: 'cost_share' }));
    expect(eligibility(ev({ creditedTenths: 100, earlier: three }), gd).blocked.map((b) => b.code)).toEqual([
      'trainings_per_year',
    ]);
    expect(eligibility(ev({ creditedTenths: 100, earlier: three.slice(0, 2) }), gd).amountFen).toBe(30_000);
    expect(eligibility(ev({ creditedTenths: 100, earlier: three.slice(0, 1) }), block(GUANGDONG, 1)).amountFen).toBe(0);
    // Last year's trainings do not count this year.
    expect(
      eligibility(ev({ creditedTenths: 100, earlier: three.map((g) => ({ ...g, year: 2025 })) }), gd).amountFen,
    ).toBe(30_000);
  });
  it('explains every item in Chinese and English', () => {
    const r = eligibility(ev({ creditedTenths: 600, enterpriseCostFen: 1000 }), block([...HAINAN, ...ZHEJIANG]));
    const items = r.lines.flatMap((l) => l.explanation);
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(item.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(item.en).toMatch(/[a-z]/);
    }
  });
});

// ---- properties ------------------------------------------------------------------------------------------------

const fen = fc.integer({ min: 0, max: 1_000_000 });
const ruleArb: fc.Arbitrary<SubsidyRule> = fc
  .oneof(
    fc.record({
      kind: fc.constant('certificate_level' as const),
      levelsFen: fc.array(fen, { minLength: 5, maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant('per_hour' as const), perHourFen: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({
      kind: fc.constant('hour_tiers' as const),
      tiers: fc.array(fc.record({ minHours: fc.integer({ min: 1, max: 200 }), amountFen: fen }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    fc.record({
      kind: fc.constant('per_head' as const),
      traineeFen: fen,
      institutionFen: fen,
      minHours: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({ kind: fc.constant('cost_share' as const), shareBp: fc.integer({ min: 1, max: 10_000 }), capFen: fen }),
    fc.record({
      kind: fc.constant('living_allowance' as const),
      perDayFen: fc.integer({ min: 0, max: 20_000 }),
      groups: fc.constant(['poor_labourer' as const]),
    }),
  )
  .chain((r) =>
    fc
      .record({
        staged: fc.option(fc.integer({ min: 1, max: 9999 }), { nil: undefined }),
        cap: fc.option(fen, { nil: undefined }),
        exam: fc.boolean(),
      })
      .map(
        ({ staged, cap, exam }) =>
          ({
            ...r,
            id: r.kind,
            ...(staged === undefined ? {} : { stagedAfterTheoryBp: staged }),
            ...(cap === undefined ? {} : { yearlyCapFen: cap }),
            ...(exam ? { requiresExamPass: true } : {}),
          }) as SubsidyRule,
      ),
  );
const evidenceArb = fc.record({
  level: fc.integer({ min: 1, max: 5 }),
  creditedTenths: fc.integer({ min: 0, max: 3000 }),
  theoryComplete: fc.boolean(),
  trainingDays: fc.integer({ min: 0, max: 60 }),
  exam: fc.option(fc.record({ passed: fc.boolean() }), { nil: null }),
  cert: fc.boolean(),
  skill: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  openHolds: fc.integer({ min: 0, max: 2 }),
  confirmedFindings: fc.integer({ min: 0, max: 2 }),
  enterpriseCostFen: fc.option(fen, { nil: null }),
  member: fc.boolean(),
});
type RawEvidence = typeof evidenceArb extends fc.Arbitrary<infer T> ? T : never;
const toEvidence = (e: RawEvidence, earlier: EarlierGrant[] = []): Evidence =>
  ev({
    level: e.level,
    creditedTenths: e.creditedTenths,
    theoryComplete: e.theoryComplete,
    trainingDays: e.trainingDays,
    exam: e.exam,
    trainingCertificate: e.cert ? { number: 'P', issuedAt: '2026-01-01' } : null,
    skillLevel: e.skill === null ? null : { level: e.skill as 1 | 2 | 3 | 4 | 5, number: 'S' },
    openHolds: e.openHolds,
    confirmedFindings: e.confirmedFindings,
    enterpriseCostFen: e.enterpriseCostFen,
    targetGroup: e.member ? { group: 'poor_labourer', confirmed: true } : null,
    earlier,
  });

/** What a rule could pay at most for this evidence, written independently of eligibility.ts. */
function ceiling(rule: SubsidyRule, e: Evidence): number {
  if (rule.requiresExamPass && !e.exam?.passed) return 0;
  if (rule.stagedAfterTheoryBp !== undefined && !e.trainingCertificate && !e.theoryComplete) return 0;
  switch (rule.kind) {
    case 'certificate_level':
      return e.skillLevel?.level === e.level ? rule.levelsFen[5 - e.level] : 0;
    case 'per_hour':
      return Math.floor((rule.perHourFen * e.creditedTenths) / 10);
    case 'hour_tiers':
      return Math.max(0, ...rule.tiers.filter((t) => t.minHours * 10 <= e.creditedTenths).map((t) => t.amountFen));
    case 'per_head':
      return e.creditedTenths >= rule.minHours * 10 ? rule.traineeFen + rule.institutionFen : 0;
    case 'cost_share':
      return e.enterpriseCostFen === null ? 0 : Math.min(e.enterpriseCostFen, rule.capFen);
    case 'living_allowance':
      return e.targetGroup?.confirmed ? rule.perDayFen * e.trainingDays : 0;
  }
}

describe('properties', () => {
  it('never pays more than the evidence supports, rule by rule, and nothing under a hold or finding', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 4 }), evidenceArb, (rules, raw) => {
        const unique = rules.map((r, i) => ({ ...r, id: `${r.id}-${i}` }));
        const e = toEvidence(raw);
        const r = eligibility(e, block(unique));
        for (const rule of unique) {
          const paid = r.lines.filter((l) => l.ruleId === rule.id).reduce((s, l) => s + l.amountFen, 0);
          expect(paid).toBeLessThanOrEqual(ceiling(rule, e));
          if (rule.yearlyCapFen !== undefined)
            for (const l of r.lines.filter((x) => x.ruleId === rule.id))
              expect(l.amountFen).toBeLessThanOrEqual(rule.yearlyCapFen);
        }
        for (const l of r.lines) expect(Number.isSafeInteger(l.amountFen) && l.amountFen >= 0).toBe(true);
        if (e.openHolds > 0 || e.confirmedFindings > 0) expect(r.amountFen).toBe(0);
        expect(r.amountFen).toBe(r.traineeFen + r.institutionFen);
      }),
    );
  });

  it('less evidence never pays more: fewer hours, no certificate, an open hold', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 4 }),
        evidenceArb,
        fc.integer({ min: 0, max: 3000 }),
        (rules, raw, less) => {
          fc.pre(less < raw.creditedTenths);
          const unique = block(rules.map((r, i) => ({ ...r, id: `${r.id}-${i}` })));
          const full = eligibility(toEvidence(raw), unique).amountFen;
          expect(eligibility(toEvidence({ ...raw, creditedTenths: less }), unique).amountFen).toBeLessThanOrEqual(full);
          expect(eligibility(toEvidence({ ...raw, cert: false }), unique).amountFen).toBeLessThanOrEqual(full);
          expect(eligibility(toEvidence({ ...raw, openHolds: 1 }), unique).amountFen).toBe(0);
        },
      ),
    );
  });

  it('whatever the order of claims, a person is never paid twice for one occupation and level, for more than N trainings a year, or above a yearly cap', () => {
    const claimArb = fc.record({
      occupation: fc.constantFrom('A', 'B', 'C', 'D'),
      level: fc.integer({ min: 4, max: 5 }),
      year: fc.constantFrom(2025, 2026),
      person: fc.constantFrom('p1', 'p2'),
      tenths: fc.integer({ min: 0, max: 800 }),
    });
    fc.assert(
      fc.property(
        fc.array(claimArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (claims, maxPerYear, capFen, costFen) => {
          const rules: SubsidyRule[] = [
            { id: 'hours', kind: 'per_hour', perHourFen: 3000, yearlyCapFen: capFen },
            { id: 'cost', kind: 'cost_share', shareBp: 9500, capFen: 80_000 },
          ];
          const ledger = new Map<string, EarlierGrant[]>();
          claims.forEach((c, i) => {
            const earlier = ledger.get(c.person) ?? [];
            const r = eligibility(
              ev({
                classId: `class-${i}`,
                occupationCode: c.occupation,
                level: c.level,
                year: c.year,
                creditedTenths: c.tenths,
                enterpriseCostFen: costFen,
                earlier,
              }),
              block(rules, maxPerYear),
            );
            const granted = r.lines
              .filter((l) => l.amountFen > 0)
              .map((l) => ({
                classId: `class-${i}`,
                ruleId: l.ruleId,
                kind: l.kind,
                payee: l.payee,
                occupationCode: c.occupation,
                level: c.level,
                year: c.year,
                amountFen: l.amountFen,
              }));
            ledger.set(c.person, [...earlier, ...granted]);
          });
          for (const grants of ledger.values()) {
            const trainingsByKey = new Map<string, Set<string>>();
            for (const g of grants) {
              const k = `${g.occupationCode}/${g.level}`;
              trainingsByKey.set(k, (trainingsByKey.get(k) ?? new Set()).add(g.classId));
            }
            for (const classes of trainingsByKey.values()) expect(classes.size).toBe(1);
            for (const year of [2025, 2026]) {
              const ofYear = grants.filter((g) => g.year === year);
              expect(new Set(ofYear.map((g) => g.classId)).size).toBeLessThanOrEqual(maxPerYear);
              const perHour = ofYear.filter((g) => g.kind === 'per_hour').reduce((s, g) => s + g.amountFen, 0);
              expect(perHour).toBeLessThanOrEqual(capFen);
            }
          }
        },
      ),
    );
  });
});

describe('integer arithmetic', () => {
  it('multiplies and divides in integers beyond the safe range', () => {
    expect(mulDivFloor(100_000_000, 100_000_000, 3)).toBe(3_333_333_333_333_333);
    expect(mulDivFloor(7, 3, 2)).toBe(10);
    expect(formatFen(150_000)).toBe('1,500.00');
    expect(formatFen(5)).toBe('0.05');
  });
});
