// The world of the subsidy pages: the platform in this process (as the server tests build it) with the subsidies
// testkit's fake evidence ports, and three finished classes of the Hangzhou school — A (four learners, one on hold)
// to claim in the test, B claimed earlier with its review deadline passed, C never claimed, D returned to the school. The claims, ledger,
// review and payment are real.
import { enrolDirectly, insertClass, userByPhone } from '../../server/src/modules/enrolment/enrolment.testkit';
import { fakeFacts, fakePorts, hoursOf, useSubsidyPorts } from '../../server/src/modules/subsidies/subsidies.testkit';
import { beijingDate } from '../../server/src/platform/time';
import { call, createTestPlatform, DEMO, login, type TestPlatform } from '../../server/src/testing/platform';
import { ensureWebBuilt } from './server';

export const CLASS_A = '电工（五级）2026 年第 1 期';
export const CLASS_B = '电工（五级）2026 年第 2 期';
export const CLASS_C = '电工（五级）2026 年第 3 期';
export const CLASS_D = '电工（五级）2026 年第 4 期';
/** Class A's learners; the fourth has a subsidy hold from early warning. */
export const PHONES_A = ['13800000001', '13800000002', '13800000003', '13800000004'];
export const VOUCHER = 'JZ-2026-12-0088';
export const REJECTION = '社保缴纳记录显示该学员培训期间不在本企业就业';

export type SubsidyWorld = {
  p: TestPlatform;
  baseUrl: string;
  /** Names of class A's learners, in PHONES_A order. */
  names: string[];
  classA: string;
  classC: string;
  claimB: string;
  claimD: string;
};

async function ok(what: string, res: { status: number; body: any }): Promise<any> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function subsidyWorld(): Promise<SubsidyWorld> {
  ensureWebBuilt();
  const p = await createTestPlatform();
  const facts = fakeFacts();
  useSubsidyPorts(p, fakePorts(facts));
  const day = (offset: number) => beijingDate(new Date(p.clock.now().getTime() + offset * 86_400_000));
  const finished = async (name: string, phones: string[]) => {
    const id = await insertClass(p, { status: 'closed', name, startDate: day(-60), endDate: day(-3) });
    const users = await Promise.all(phones.map((phone) => userByPhone(p, phone)));
    await enrolDirectly(
      p,
      id,
      users.map((u) => u.id),
    );
    users.forEach((u, i) => facts.hours.set(u.id, hoursOf(48 + i * 4)));
    return { id, users };
  };
  const a = await finished(CLASS_A, PHONES_A);
  const b = await finished(CLASS_B, ['13800000005', '13800000006']);
  const c = await finished(CLASS_C, ['13800000007', '13800000008']);
  const d = await finished(CLASS_D, ['13800000009', '13800000010']);
  facts.holds.set(a.users[3].id, 1);
  // Class B was claimed earlier and its review deadline (the end of a working day, Beijing time) has passed.
  const admin = await login(p, DEMO.adminA);
  const { claim } = await ok(
    'claim B',
    await call(p, admin, 'POST', `/api/subsidies/classes/${b.id}/claims`, { enterpriseCostFen: 60_000 }),
  );
  await p.services.infra.db
    .updateTable('subsidy_claims')
    .set({ review_due_at: `${day(-1)}T15:59:59.999Z` })
    .where('id', '=', claim.id)
    .execute();
  // Class D's claim went back to the school for a correction.
  const regulator = await login(p, DEMO.xihuRegulator);
  const returned = await ok(
    'claim D',
    await call(p, admin, 'POST', `/api/subsidies/classes/${d.id}/claims`, { enterpriseCostFen: 40_000 }),
  );
  await ok(
    'return D',
    await call(p, regulator, 'POST', `/api/subsidies/claims/${returned.claim.id}/return`, {
      reason: '企业实际培训成本缺少发票和培训费支付凭证，请补充后重新提交',
    }),
  );
  const baseUrl = await p.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    p,
    baseUrl,
    names: a.users.map((u) => u.name),
    classA: a.id,
    classC: c.id,
    claimB: claim.id,
    claimD: returned.claim.id,
  };
}

/**
 * What the test does through the pages, done through the API (for the screenshot script): class A claimed at
 * CNY 500 per person, two learners approved, the third rejected, the batch formed and paid.
 */
export async function settleClassA(world: SubsidyWorld): Promise<void> {
  const { p } = world;
  const [admin, regulator] = await Promise.all([login(p, DEMO.adminA), login(p, DEMO.xihuRegulator)]);
  const { claim } = await ok(
    'claim A',
    await call(p, admin, 'POST', `/api/subsidies/classes/${world.classA}/claims`, { enterpriseCostFen: 50_000 }),
  );
  const lines = claim.lines as { id: string; name: string }[];
  const lineOf = (i: number) => lines.find((l) => l.name === world.names[i])!.id;
  await ok(
    'reject',
    await call(p, regulator, 'POST', `/api/subsidies/claims/${claim.id}/lines/${lineOf(2)}/reject`, {
      reason: REJECTION,
    }),
  );
  await ok(
    'approve',
    await call(p, regulator, 'POST', `/api/subsidies/claims/${claim.id}/approve`, {
      lineIds: [lineOf(0), lineOf(1)],
    }),
  );
  const { batch } = await ok('batch', await call(p, regulator, 'POST', '/api/subsidies/batches'));
  await ok('paid', await call(p, regulator, 'POST', `/api/subsidies/batches/${batch.id}/paid`, { voucherNo: VOUCHER }));
}
