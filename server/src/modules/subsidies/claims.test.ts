import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { enrolDirectly, insertClass, userByPhone } from '../enrolment/enrolment.testkit.js';
import { fakeFacts, fakePorts, hoursOf, useSubsidyPorts, type FakeFacts } from './subsidies.testkit.js';

// Claims through the API with the seeded Zhejiang rule (95 % of the enterprise's cost, at most CNY 800 per person per
// project): an institution claims for a class, the district regulator approves some lines and rejects one with a
// reason, a payment batch is exported and marked paid, and each learner sees the status of every line about them.
// Hours, certificates and holds come from the fake ports (subsidies.testkit.ts); the ledger and scope are real.

const learnerPhones = ['13800000001', '13800000002', '13800000003', '13800000004'];

describe('subsidy claims', () => {
  let p: TestPlatform;
  let facts: FakeFacts;
  let adminA: Session;
  let adminB: Session;
  let xihu: Session;
  let ningbo: Session;
  let teacherA: Session;
  const learners: Session[] = [];
  const ids: string[] = [];
  let classId: string;
  let claimId: string;

  beforeAll(async () => {
    p = await createTestPlatform();
    facts = fakeFacts();
    useSubsidyPorts(p, fakePorts(facts));
    [adminA, adminB, xihu, ningbo, teacherA] = await Promise.all([
      login(p, DEMO.adminA),
      login(p, DEMO.adminB),
      login(p, DEMO.xihuRegulator),
      login(p, DEMO.ningboRegulator),
      login(p, DEMO.teacherA),
    ]);
    for (const phone of learnerPhones) {
      ids.push((await userByPhone(p, phone)).id);
      learners.push(await login(p, phone));
    }
    classId = await insertClass(p, { status: 'approved', name: '电工补贴班' });
    await enrolDirectly(p, classId, ids);
    for (const id of ids) facts.hours.set(id, hoursOf(60));
    facts.holds.set(ids[3], 1);
  });
  afterAll(async () => {
    await p.drop();
  });

  it('previews the roster with each amount and why, writing nothing', async () => {
    const res = await call(p, adminA, 'GET', `/api/subsidies/classes/${classId}/preview?enterpriseCostFen=50000`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { preview } = res.body;
    expect(preview.policyRefs.applied.map((a: { scope: string }) => a.scope)).toEqual(['330000']);
    const byUser = new Map(preview.lines.map((l: { userId: string }) => [l.userId, l]));
    expect((byUser.get(ids[0]) as { amountFen: number }).amountFen).toBe(47_500);
    const held = byUser.get(ids[3]) as { amountFen: number; blocked: { code: string; zh: string }[] };
    expect(held.amountFen).toBe(0);
    expect(held.blocked.map((b) => b.code)).toEqual(['on_hold']);
    expect(preview.totalFen).toBe(3 * 47_500);
    expect(await p.services.infra.db.selectFrom('subsidy_claims').selectAll().execute()).toEqual([]);
  });

  it('refuses a class that is not approved, other institutions and other roles', async () => {
    const draft = await insertClass(p, { status: 'draft' });
    expect((await call(p, adminA, 'POST', `/api/subsidies/classes/${draft}/claims`, {})).body.error.code).toBe(
      'SUBSIDY_CLASS_NOT_CLAIMABLE',
    );
    expect((await call(p, adminB, 'POST', `/api/subsidies/classes/${classId}/claims`, {})).status).toBe(404);
    expect((await call(p, adminB, 'GET', `/api/subsidies/classes/${classId}/preview`)).status).toBe(404);
    expect((await call(p, teacherA, 'POST', `/api/subsidies/classes/${classId}/claims`, {})).status).toBe(403);
    expect((await call(p, learners[0], 'POST', `/api/subsidies/classes/${classId}/claims`, {})).status).toBe(403);
    expect((await call(p, xihu, 'POST', `/api/subsidies/classes/${classId}/claims`, {})).status).toBe(403);
    expect((await call(p, adminA, 'POST', `/api/subsidies/classes/${classId}/claims`, { costFen: 1 })).status).toBe(
      400,
    );
    expect(
      (await call(p, adminA, 'POST', `/api/subsidies/classes/${classId}/claims`, { enterpriseCostFen: -1 })).status,
    ).toBe(400);
  });

  it('submits a claim: lines computed and reserved, a working-day deadline, an audit entry', async () => {
    const res = await call(p, adminA, 'POST', `/api/subsidies/classes/${classId}/claims`, {
      enterpriseCostFen: 50_000,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const claim = res.body.claim;
    claimId = claim.id;
    expect(claim).toMatchObject({
      status: 'submitted',
      totalFen: 142_500,
      lineCount: 4,
      pendingCount: 3,
      overdue: false,
    });
    expect(Date.parse(claim.reviewDueAt)).toBeGreaterThan(Date.parse(claim.submittedAt));
    const held = claim.lines.find((l: { userId: string }) => l.userId === ids[3]);
    expect(held.status).toBe('ineligible');
    const line = claim.lines.find((l: { userId: string }) => l.userId === ids[0]);
    expect(line.lines[0].explanation[0].zh).toContain('95%');
    expect(line.lines[0].explanation[0].en).toContain('capped at CNY 800.00');
    const grants = await p.services.infra.db
      .selectFrom('subsidy_grants')
      .select(['amount_fen', 'status'])
      .where('class_id', '=', classId)
      .execute();
    expect(grants.map((g) => [Number(g.amount_fen), g.status])).toEqual([
      [47_500, 'active'],
      [47_500, 'active'],
      [47_500, 'active'],
    ]);
    const audit = await p.services.infra.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', claimId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('subsidy.claim_submitted');
  });

  it('is seen by the institution and the regulators of the subtree only', async () => {
    expect((await call(p, adminA, 'GET', `/api/subsidies/claims/${claimId}`)).status).toBe(200);
    expect((await call(p, xihu, 'GET', `/api/subsidies/claims/${claimId}`)).status).toBe(200);
    expect((await call(p, adminB, 'GET', `/api/subsidies/claims/${claimId}`)).status).toBe(404);
    expect((await call(p, ningbo, 'GET', `/api/subsidies/claims/${claimId}`)).status).toBe(404);
    expect((await call(p, ningbo, 'GET', '/api/subsidies/claims')).body.claims).toEqual([]);
    expect((await call(p, adminB, 'GET', '/api/subsidies/claims')).body.claims).toEqual([]);
    const queue = (await call(p, xihu, 'GET', '/api/subsidies/claims?status=submitted')).body.claims;
    expect(queue.map((c: { id: string }) => c.id)).toEqual([claimId]);
    expect((await call(p, learners[0], 'GET', '/api/subsidies/claims')).status).toBe(403);
    expect((await call(p, ningbo, 'POST', `/api/subsidies/claims/${claimId}/approve`, {})).status).toBe(404);
    expect((await call(p, adminA, 'POST', `/api/subsidies/claims/${claimId}/approve`, {})).status).toBe(403);
  });

  it('flags a claim past its review deadline', async () => {
    const { db } = p.services.infra;
    const claim = await db
      .selectFrom('subsidy_claims')
      .select('review_due_at')
      .where('id', '=', claimId)
      .executeTakeFirstOrThrow();
    // Sessions expire when the clock jumps days ahead, so the deadline is moved instead (and put back).
    await db
      .updateTable('subsidy_claims')
      .set({ review_due_at: new Date(p.clock.now().getTime() - 1000).toISOString() })
      .where('id', '=', claimId)
      .execute();
    expect((await call(p, xihu, 'GET', `/api/subsidies/claims/${claimId}`)).body.claim.overdue).toBe(true);
    await db
      .updateTable('subsidy_claims')
      .set({ review_due_at: claim.review_due_at })
      .where('id', '=', claimId)
      .execute();
    expect((await call(p, xihu, 'GET', `/api/subsidies/claims/${claimId}`)).body.claim.overdue).toBe(false);
  });

  it('lets the regulator reject one line with a reason (releasing its reservation) and approve others', async () => {
    const claim = (await call(p, xihu, 'GET', `/api/subsidies/claims/${claimId}`)).body.claim;
    const lineOf = (userId: string) => claim.lines.find((l: { userId: string }) => l.userId === userId).id as string;
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/claims/${claimId}/lines/${lineOf(ids[2])}/reject`, { reason: ' ' }))
        .status,
    ).toBe(400);
    const rejected = await call(p, xihu, 'POST', `/api/subsidies/claims/${claimId}/lines/${lineOf(ids[2])}/reject`, {
      reason: '线下签到照片与本人不符',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const again = await call(p, xihu, 'POST', `/api/subsidies/claims/${claimId}/lines/${lineOf(ids[2])}/reject`, {
      reason: '重复驳回',
    });
    expect(again.body.error.code).toBe('SUBSIDY_LINE_NOT_PENDING');
    const approved = await call(p, xihu, 'POST', `/api/subsidies/claims/${claimId}/approve`, {
      lineIds: [lineOf(ids[0]), lineOf(ids[1])],
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.claim.status).toBe('closed');
    const statuses = Object.fromEntries(
      approved.body.claim.lines.map((l: { userId: string; status: string }) => [l.userId, l.status]),
    );
    expect(statuses).toEqual({
      [ids[0]]: 'approved',
      [ids[1]]: 'approved',
      [ids[2]]: 'rejected',
      [ids[3]]: 'ineligible',
    });
    const trainings = await p.services.infra.db
      .selectFrom('subsidy_trainings')
      .select('status')
      .where('class_id', '=', classId)
      .orderBy('status')
      .execute();
    expect(trainings.map((t) => t.status)).toEqual(['active', 'active', 'cancelled']);
  });

  it('forms a payment batch of the approved lines, exports it to Excel and marks it paid', async () => {
    expect((await call(p, ningbo, 'POST', '/api/subsidies/batches')).body.error.code).toBe('SUBSIDY_BATCH_EMPTY');
    expect((await call(p, adminA, 'POST', '/api/subsidies/batches')).status).toBe(403);
    const created = await call(p, xihu, 'POST', '/api/subsidies/batches');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const batch = created.body.batch;
    expect(batch).toMatchObject({ status: 'open', lineCount: 2, totalFen: 95_000 });
    expect((await call(p, ningbo, 'GET', `/api/subsidies/batches/${batch.id}/export.xlsx`)).status).toBe(404);
    const file = await p.app.inject({
      method: 'GET',
      url: `/api/subsidies/batches/${batch.id}/export.xlsx`,
      headers: { cookie: xihu.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('补贴拨付')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.length).toBe(3);
    expect(rows.slice(1).map((r) => r[10])).toEqual(['475.00', '475.00']);
    const paid = await call(p, xihu, 'POST', `/api/subsidies/batches/${batch.id}/paid`, { voucherNo: '记-2026-0042' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.batch).toMatchObject({ status: 'paid', voucherNo: '记-2026-0042' });
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/batches/${batch.id}/paid`, { voucherNo: 'X' })).body.error.code,
    ).toBe('SUBSIDY_BATCH_PAID');
    const actions = (
      await p.services.infra.db.selectFrom('audit_log').select('action').where('target_id', '=', batch.id).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['subsidy.batch_created', 'subsidy.batch_exported', 'subsidy.batch_paid']),
    );
  });

  it('shows every learner the status of every line about them, with the explanation', async () => {
    const mine = async (i: number) => (await call(p, learners[i], 'GET', '/api/subsidies/mine')).body.subsidies;
    expect(await mine(0)).toMatchObject([
      { status: 'paid', amountFen: 47_500, voucherNo: '记-2026-0042', className: '电工补贴班' },
    ]);
    expect(await mine(2)).toMatchObject([{ status: 'rejected', reason: '线下签到照片与本人不符' }]);
    const held = await mine(3);
    expect(held).toMatchObject([{ status: 'ineligible', amountFen: 0 }]);
    expect(held[0].blocked[0].zh).toContain('暂停');
    expect((await call(p, adminA, 'GET', '/api/subsidies/mine')).status).toBe(403);
  });

  it('never pays a person twice for the same occupation and level; a rejected line frees it', async () => {
    const second = await insertClass(p, { status: 'approved', name: '电工补贴班二期' });
    await enrolDirectly(p, second, [ids[0], ids[2]]);
    const res = await call(p, adminA, 'POST', `/api/subsidies/classes/${second}/claims`, { enterpriseCostFen: 50_000 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const byUser = Object.fromEntries(res.body.claim.lines.map((l: { userId: string }) => [l.userId, l]));
    expect(byUser[ids[0]].status).toBe('ineligible');
    expect(byUser[ids[0]].blocked.map((b: { code: string }) => b.code)).toEqual(['same_occupation_level']);
    expect(byUser[ids[2]]).toMatchObject({ status: 'pending', amountFen: 47_500 });
  });

  it('returns a claim with a reason; the institution submits it again', async () => {
    const third = await insertClass(p, { status: 'approved', occupationCode: '4-10-01-01', name: '家政补贴班' });
    await enrolDirectly(p, third, [ids[1]]);
    const claim = (
      await call(p, adminA, 'POST', `/api/subsidies/classes/${third}/claims`, { enterpriseCostFen: 10_000 })
    ).body.claim;
    expect(claim.totalFen).toBe(9500);
    expect((await call(p, adminA, 'POST', `/api/subsidies/claims/${claim.id}/resubmit`)).body.error.code).toBe(
      'SUBSIDY_CLAIM_NOT_RETURNED',
    );
    const returned = await call(p, xihu, 'POST', `/api/subsidies/claims/${claim.id}/return`, {
      reason: '请补充培训成本发票',
    });
    expect(returned.body.claim).toMatchObject({ status: 'returned', returnReason: '请补充培训成本发票' });
    expect((await call(p, xihu, 'POST', `/api/subsidies/claims/${claim.id}/approve`, {})).body.error.code).toBe(
      'SUBSIDY_CLAIM_NOT_SUBMITTED',
    );
    expect((await call(p, adminB, 'POST', `/api/subsidies/claims/${claim.id}/resubmit`)).status).toBe(404);
    const resubmitted = await call(p, adminA, 'POST', `/api/subsidies/claims/${claim.id}/resubmit`);
    expect(resubmitted.body.claim.status).toBe('submitted');
    expect((await call(p, xihu, 'POST', `/api/subsidies/claims/${claim.id}/approve`, {})).body.claim.status).toBe(
      'closed',
    );
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/claims/${claim.id}/approve`, { lineIds: [newId()] })).body.error
        .code,
    ).toBe('SUBSIDY_CLAIM_NOT_SUBMITTED');
  });
});
