import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { enrolDirectly, insertClass, userByPhone } from '../enrolment/enrolment.testkit.js';
import type { PolicyOverride } from '../policies/index.js';
import {
  fakeFacts,
  fakePorts,
  hoursOf,
  publishOverride,
  useSubsidyPorts,
  type FakeFacts,
} from './subsidies.testkit.js';

// Two institutions in two regions claim for the same people at the same moment (racing requests; run it on
// PostgreSQL: TEST_DB=postgres). Whatever the interleaving, nobody is granted the same occupation and level twice,
// more than N trainings in a year, or more than a yearly cap. The guard is the per-person lock taken while a claim
// computes (subsidies.repository.ts lockPerson) plus the partial unique index on active trainings (migration 0022).

const PEOPLE = Array.from({ length: 10 }, (_, i) => `138000000${String(i + 1).padStart(2, '0')}`);
const perHour = { id: 'hours', kind: 'per_hour' as const, perHourFen: 3000, yearlyCapFen: 100_000 };

describe('claims racing for the same people', () => {
  let p: TestPlatform;
  let facts: FakeFacts;
  let adminA: Session;
  let adminB: Session;
  const ids: string[] = [];
  const hashes: string[] = [];

  async function raceClaims(classA: string, classB: string, body: object = {}) {
    const [a, b] = await Promise.all([
      call(p, adminA, 'POST', `/api/subsidies/classes/${classA}/claims`, body),
      call(p, adminB, 'POST', `/api/subsidies/classes/${classB}/claims`, body),
    ]);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    return [a.body.claim, b.body.claim];
  }

  async function classesOf(occupationCode: string, level = 5): Promise<[string, string]> {
    const a = await insertClass(p, { status: 'approved', occupationCode, level });
    const b = await insertClass(p, { status: 'approved', occupationCode, level, adminPhone: DEMO.adminB });
    await enrolDirectly(p, a, ids);
    await enrolDirectly(p, b, ids);
    return [a, b];
  }

  /** Per person: active trainings, and active per-hour grants per year. */
  async function ledger() {
    const { db } = p.services.infra;
    const trainings = await db
      .selectFrom('subsidy_trainings')
      .select(['person_hash', 'occupation_code', 'level', 'year'])
      .where('status', '=', 'active')
      .execute();
    const grants = await db
      .selectFrom('subsidy_grants')
      .select(['person_hash', 'kind', 'year', 'amount_fen'])
      .where('status', '=', 'active')
      .execute();
    return { trainings, grants };
  }

  beforeAll(async () => {
    p = await createTestPlatform();
    facts = fakeFacts();
    useSubsidyPorts(p, fakePorts(facts));
    [adminA, adminB] = await Promise.all([login(p, DEMO.adminA), login(p, DEMO.adminB)]);
    for (const phone of PEOPLE) {
      const user = await userByPhone(p, phone);
      ids.push(user.id);
      hashes.push(user.id_number_hash);
    }
    // Institution A is in Hangzhou (Zhejiang's rules), B in Ningbo (its own override): the same rule in both regions.
    const rules: PolicyOverride = { subsidies: { maxTrainingsPerYear: 3, rules: [perHour] } };
    await publishOverride(p, '330000', rules);
    await publishOverride(p, '330200', { classHourMinutes: 30, ...rules });
  });
  afterAll(async () => {
    await p.drop();
  });

  it('never grants the same occupation and level twice', async () => {
    for (const id of ids) facts.hours.set(id, hoursOf(20));
    const [a, b] = await raceClaims(...(await classesOf('6-31-01-03')));
    const payable = [...a.lines, ...b.lines].filter((l: { amountFen: number }) => l.amountFen > 0);
    expect(payable.length).toBe(PEOPLE.length);
    const refused = [...a.lines, ...b.lines].filter((l: { status: string }) => l.status === 'ineligible');
    expect(new Set(refused.flatMap((l: { blocked: { code: string }[] }) => l.blocked.map((x) => x.code)))).toEqual(
      new Set(['same_occupation_level']),
    );
    const { trainings } = await ledger();
    for (const hash of hashes)
      expect(trainings.filter((t) => t.person_hash === hash && t.occupation_code === '6-31-01-03').length).toBe(1);
  });

  it('never pays above the yearly cap', async () => {
    // Each class would pay CNY 900 (30 h × CNY 30); CNY 600 of the CNY 1,000 cap is used by the first race.
    for (const id of ids) facts.hours.set(id, hoursOf(30));
    const [classA] = await classesOf('4-01-02-01');
    const [, classB] = await classesOf('4-01-02-03');
    await raceClaims(classA, classB);
    const { grants } = await ledger();
    for (const hash of hashes) {
      const used = grants
        .filter((g) => g.person_hash === hash && g.kind === 'per_hour')
        .reduce((s, g) => s + Number(g.amount_fen), 0);
      expect(used).toBe(100_000);
    }
  });

  it('never subsidises more than N trainings a year', async () => {
    // A rule of another kind (no cap), so only the yearly count can refuse: everyone has 2 trainings, N is 3.
    const rules: PolicyOverride = {
      subsidies: { maxTrainingsPerYear: 3, rules: [{ id: 'cost', kind: 'cost_share', shareBp: 9500, capFen: 80_000 }] },
    };
    await publishOverride(p, '330000', rules);
    await publishOverride(p, '330200', { classHourMinutes: 30, ...rules });
    const [classA] = await classesOf('4-01-02-04');
    const [, classB] = await classesOf('4-01-02-06');
    const [a, b] = await raceClaims(classA, classB, { enterpriseCostFen: 10_000 });
    expect([...a.lines, ...b.lines].filter((l: { amountFen: number }) => l.amountFen > 0).length).toBe(PEOPLE.length);
    const { trainings } = await ledger();
    for (const hash of hashes) expect(trainings.filter((t) => t.person_hash === hash).length).toBe(3);
  });
});
