import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { enrolDirectly, insertClass, userByPhone } from '../enrolment/enrolment.testkit.js';
import { fakeFacts, fakePorts, hoursOf, useSubsidyPorts, type FakeFacts } from './subsidies.testkit.js';

// Consequences of confirmed fraud (seed 001) through the API: a regulator confirms findings through the alert
// workflow; what was not paid is cancelled, what was paid is to be recovered (recovery orders in the region subtree,
// read-only for the institution), a teacher is disqualified platform-wide, and the institution's credit record
// scores it all, restricting class opening and sending its claims to strict review.

const learnerPhones = ['13800000001', '13800000002', '13800000003', '13800000004'];

describe('consequences of confirmed fraud', () => {
  let p: TestPlatform;
  let facts: FakeFacts;
  let adminA: Session;
  let adminB: Session;
  let xihu: Session;
  let ningbo: Session;
  let operator: Session;
  let learner: Session;
  const ids: string[] = [];
  let classId: string;
  let claimId: string;
  let institutionId: string;
  let teacherId: string;
  let regionCode: string;

  async function insertAlert(subject: { type: 'learner' | 'class' | 'teacher'; id: string; userId?: string }) {
    const id = newId();
    const now = p.clock.now().toISOString();
    await p.services.infra.db
      .insertInto('alerts')
      .values({
        id,
        kind: 'concurrent_lessons',
        severity: 'high',
        status: 'open',
        subject_type: subject.type,
        subject_id: subject.id,
        user_id: subject.userId ?? null,
        class_id: classId,
        institution_id: institutionId,
        region_code: regionCode,
        dedupe_key: id,
        window_start: now,
        window_end: now,
        facts: '{}',
        session_ids: '[]',
        detections: 1,
        first_seen_at: now,
        last_seen_at: now,
        proposal: null,
        proposal_reason: null,
        proposed_by: null,
        proposed_at: null,
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        revoked_ms: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }
  async function confirm(alertId: string, reason: string) {
    const res = await call(p, xihu, 'POST', `/api/alerts/${alertId}/decide`, {
      decision: 'confirm',
      reason,
      revoke: 'none',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const lines = () =>
    p.services.infra.db.selectFrom('subsidy_claim_lines').selectAll().where('claim_id', '=', claimId).execute();
  async function insertOrder(userId: string, payer: 'institution' | 'learner', dueInMs: number) {
    const id = newId();
    const now = p.clock.now();
    await p.services.infra.db
      .insertInto('subsidy_recovery_orders')
      .values({
        id,
        line_id: (await lineOf(userId)).id,
        claim_id: claimId,
        class_id: classId,
        institution_id: institutionId,
        region_code: regionCode,
        alert_id: null,
        payer,
        learner_id: userId,
        learner_name: '测试',
        amount_fen: 5_000,
        recovered_fen: 0,
        status: 'open',
        reason: '测试',
        due_at: new Date(now.getTime() + dueInMs).toISOString(),
        overdue_at: null,
        created_by: xihu.userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        closed_at: null,
      })
      .execute();
    return id;
  }
  const lineOf = async (userId: string) => (await lines()).find((l) => l.user_id === userId)!;

  beforeAll(async () => {
    p = await createTestPlatform();
    facts = fakeFacts();
    useSubsidyPorts(p, fakePorts(facts));
    [adminA, adminB, xihu, ningbo, operator, learner] = await Promise.all([
      login(p, DEMO.adminA),
      login(p, DEMO.adminB),
      login(p, DEMO.xihuRegulator),
      login(p, DEMO.ningboRegulator),
      login(p, DEMO.operator),
      login(p, learnerPhones[0]),
    ]);
    for (const phone of learnerPhones) ids.push((await userByPhone(p, phone)).id);
    const teacher = await userByPhone(p, DEMO.teacherA);
    teacherId = teacher.id;
    institutionId = teacher.institution_id!;
    classId = await insertClass(p, { status: 'approved', name: '电工补贴班' });
    regionCode = (
      await p.services.infra.db
        .selectFrom('classes')
        .select('region_code')
        .where('id', '=', classId)
        .executeTakeFirstOrThrow()
    ).region_code;
    await enrolDirectly(p, classId, ids);
    for (const id of ids) facts.hours.set(id, hoursOf(60));
    // The claim: learner 0 paid, learner 1 approved and waiting in an open batch, learners 2 and 3 pending.
    const submitted = await call(p, adminA, 'POST', `/api/subsidies/classes/${classId}/claims`, {
      enterpriseCostFen: 50_000,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    claimId = submitted.body.claim.id;
    expect(submitted.body.claim.strictReview).toBe(false);
    const approve = (userId: string) =>
      lineOf(userId).then((l) =>
        call(p, xihu, 'POST', `/api/subsidies/claims/${claimId}/approve`, { lineIds: [l.id] }),
      );
    expect((await approve(ids[0])).status).toBe(200);
    const first = (await call(p, xihu, 'POST', '/api/subsidies/batches')).body.batch;
    expect((await call(p, xihu, 'POST', `/api/subsidies/batches/${first.id}/paid`, { voucherNo: 'V-1' })).status).toBe(
      200,
    );
    expect((await approve(ids[1])).status).toBe(200);
    expect((await call(p, xihu, 'POST', '/api/subsidies/batches')).body.batch).toMatchObject({ lineCount: 1 });
  });
  afterAll(async () => {
    await p.drop();
  });

  it('opens recovery orders for a paid line when a finding on its learner is confirmed, once per payer', async () => {
    const paid = await lineOf(ids[0]);
    expect(paid.status).toBe('paid');
    await confirm(await insertAlert({ type: 'learner', id: ids[0], userId: ids[0] }), '核实：他人代学');
    const orders = (await call(p, xihu, 'GET', '/api/subsidies/recovery-orders')).body.orders;
    const shares = [
      ['learner', paid.trainee_fen],
      ['institution', paid.institution_fen],
    ].filter(([, fen]) => Number(fen) > 0);
    expect(orders.map((o: { payer: string; amountFen: number }) => [o.payer, o.amountFen]).sort()).toEqual(
      shares.sort(),
    );
    expect(orders[0]).toMatchObject({ status: 'open', recoveredFen: 0, reason: '核实：他人代学', overdue: false });
    // Due 20 working days on: at least four calendar weeks.
    expect(Date.parse(orders[0].dueAt) - p.clock.now().getTime()).toBeGreaterThanOrEqual(27 * 86_400_000);
    // The other lines are untouched by a finding on learner 0.
    expect((await lineOf(ids[2])).status).toBe('pending');
    // A second finding on the same learner does not recover twice.
    await confirm(await insertAlert({ type: 'learner', id: ids[0], userId: ids[0] }), '再次核实');
    expect((await call(p, xihu, 'GET', '/api/subsidies/recovery-orders')).body.orders).toHaveLength(orders.length);
    const audit = await p.services.infra.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'subsidy.recovery_opened')
      .execute();
    expect(audit).toHaveLength(orders.length);
  });

  it('cancels every unpaid line of the class when a finding about the class is confirmed, the open batch too', async () => {
    const inBatch = await lineOf(ids[1]);
    const batchBefore = await p.services.infra.db
      .selectFrom('subsidy_batches')
      .selectAll()
      .where('id', '=', inBatch.batch_id!)
      .executeTakeFirstOrThrow();
    await confirm(await insertAlert({ type: 'class', id: classId }), '核实：全班集中代学');
    const after = await lines();
    const byUser = new Map(after.map((l) => [l.user_id, l]));
    expect([ids[0], ids[1], ids[2], ids[3]].map((id) => byUser.get(id)!.status)).toEqual([
      'paid',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(byUser.get(ids[2])!.reason).toBe('核实：全班集中代学');
    const batchAfter = await p.services.infra.db
      .selectFrom('subsidy_batches')
      .selectAll()
      .where('id', '=', inBatch.batch_id!)
      .executeTakeFirstOrThrow();
    expect(batchAfter.line_count).toBe(batchBefore.line_count - 1);
    expect(Number(batchAfter.total_fen)).toBe(Number(batchBefore.total_fen) - inBatch.amount_fen);
    // The ledger's reservations are released; the claim has nothing left to decide.
    const grants = await p.services.infra.db
      .selectFrom('subsidy_grants')
      .select('status')
      .where('line_id', '=', inBatch.id)
      .execute();
    expect(grants.every((g) => g.status === 'cancelled')).toBe(true);
    expect((await call(p, xihu, 'GET', `/api/subsidies/claims/${claimId}`)).body.claim.status).toBe('closed');
  });

  it('lets the subtree regulator record recovered amounts in parts and write off; the institution only reads its own', async () => {
    const orders = (await call(p, xihu, 'GET', '/api/subsidies/recovery-orders')).body.orders;
    const order = orders[0];
    expect((await call(p, ningbo, 'GET', '/api/subsidies/recovery-orders')).body.orders).toEqual([]);
    expect((await call(p, ningbo, 'GET', `/api/subsidies/recovery-orders/${order.id}`)).status).toBe(404);
    expect((await call(p, adminB, 'GET', `/api/subsidies/recovery-orders/${order.id}`)).status).toBe(404);
    expect((await call(p, adminB, 'GET', '/api/subsidies/recovery-orders')).body.orders).toEqual([]);
    expect((await call(p, adminA, 'GET', '/api/subsidies/recovery-orders')).body.orders).toHaveLength(orders.length);
    expect((await call(p, operator, 'GET', '/api/subsidies/recovery-orders')).body.orders).toHaveLength(orders.length);
    expect((await call(p, learner, 'GET', '/api/subsidies/recovery-orders')).status).toBe(403);
    const body = { amountFen: 100, reason: '收到退款' };
    expect((await call(p, adminA, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, body)).status).toBe(
      403,
    );
    expect((await call(p, operator, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, body)).status).toBe(
      403,
    );
    expect((await call(p, ningbo, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, body)).status).toBe(
      404,
    );
    expect(
      (
        await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, {
          amountFen: 0,
          reason: 'x收',
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, { ...body, extra: 1 }))
        .status,
    ).toBe(400);
    const tooMuch = await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, {
      amountFen: order.amountFen + 1,
      reason: '收到退款',
    });
    expect(tooMuch.body.error.code).toBe('SUBSIDY_RECOVERY_AMOUNT');

    const part = await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, body);
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body.order).toMatchObject({ status: 'partly_recovered', recoveredFen: 100 });
    const rest = await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/recovered`, {
      amountFen: order.amountFen - 100,
      reason: '余款到账',
    });
    expect(rest.body.order).toMatchObject({ status: 'recovered', outstandingFen: 0 });
    expect(rest.body.order.events.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'recovered',
      'recovered',
    ]);
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${order.id}/write-off`, { reason: '无法追回' })).body
        .error.code,
    ).toBe('SUBSIDY_RECOVERY_CLOSED');

    const other = { id: await insertOrder(ids[1], 'learner', 86_400_000) };
    const off = await call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${other.id}/write-off`, {
      reason: '机构已注销',
    });
    expect(off.body.order).toMatchObject({ status: 'written_off', outstandingFen: 0 });
    const audited = await p.services.infra.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', 'in', [order.id, other.id])
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'subsidy.recovery_opened',
      'subsidy.recovery_recorded',
      'subsidy.recovery_recorded',
      'subsidy.recovery_written_off',
    ]);
  });

  it('counts a part recovered once when two regulators record it at the same moment (no lost update)', async () => {
    const id = await insertOrder(ids[3], 'learner', 30 * 86_400_000);
    const record = () =>
      call(p, xihu, 'POST', `/api/subsidies/recovery-orders/${id}/recovered`, { amountFen: 2_000, reason: '银行回单' });
    const results = await Promise.all([record(), record()]);
    // Whatever the interleaving (SQLite runs them one after the other, PostgreSQL at once), every answered success is
    // counted exactly once and a loser is told of the conflict: no lost update.
    const succeeded = results.filter((r) => r.status === 200).length;
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status !== 200).map((r) => r.body.error.code)).toEqual(
      Array(2 - succeeded).fill('SUBSIDY_RECOVERY_CLOSED'),
    );
    const order = (await call(p, xihu, 'GET', `/api/subsidies/recovery-orders/${id}`)).body.order;
    expect(order).toMatchObject({ status: 'partly_recovered', recoveredFen: 2_000 * succeeded });
    expect(order.events.filter((e: { action: string }) => e.action === 'recovered')).toHaveLength(succeeded);
  });

  it('disqualifies a teacher platform-wide on a confirmed teacher finding; the class pre-checks say why; the regulator lifts it', async () => {
    const qualification = await call(p, adminA, 'POST', `/api/teachers/${teacherId}/qualifications`, {
      occupationCode: '6-31-01-03',
      level: 3,
      certificateNo: 'Q-0001',
      validUntil: null,
    });
    expect(qualification.status, JSON.stringify(qualification.body)).toBe(201);
    const draft = await insertClass(p, { status: 'draft' });
    await p.services.infra.db.insertInto('class_teachers').values({ class_id: draft, user_id: teacherId }).execute();

    await confirm(await insertAlert({ type: 'teacher', id: teacherId }), '核实：该教师组织代学');
    const quals = (await call(p, adminA, 'GET', `/api/teachers/${teacherId}/qualifications`)).body.items;
    expect(quals.map((q: { status: string }) => q.status)).toEqual(['disqualified']);
    const bans = (await call(p, xihu, 'GET', `/api/teachers/${teacherId}/bans`)).body.items;
    expect(bans).toMatchObject([{ status: 'active', reason: '核实：该教师组织代学', withdrawnQualifications: 1 }]);
    const prechecks = (await call(p, adminA, 'GET', `/api/classes/${draft}/prechecks`)).body.items;
    expect(prechecks.find((i: { key: string }) => i.key === 'teachers')).toMatchObject({
      passed: false,
      reason: 'disqualified',
    });
    const again = await call(p, adminA, 'POST', `/api/teachers/${teacherId}/qualifications`, {
      occupationCode: '6-31-01-03',
      level: 3,
      certificateNo: 'Q-0002',
      validUntil: null,
    });
    expect(again.body.error.code).toBe('TEACHER_BANNED');
    expect(
      (await call(p, xihu, 'POST', `/api/teachers/${teacherId}/ban`, { reason: '再次取消' })).body.error.code,
    ).toBe('TEACHER_BANNED');

    // Lifting: the regulator of the subtree with a reason, not the institution nor another region.
    expect((await call(p, adminA, 'POST', `/api/teachers/${teacherId}/ban/lift`, { reason: '申诉成立' })).status).toBe(
      403,
    );
    expect((await call(p, ningbo, 'POST', `/api/teachers/${teacherId}/ban/lift`, { reason: '申诉成立' })).status).toBe(
      404,
    );
    expect((await call(p, xihu, 'POST', `/api/teachers/${teacherId}/ban/lift`, { reason: ' ' })).status).toBe(400);
    const lifted = await call(p, xihu, 'POST', `/api/teachers/${teacherId}/ban/lift`, { reason: '复查：申诉成立' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(lifted.body).toMatchObject({ status: 'lifted', liftReason: '复查：申诉成立' });
    const restored = (await call(p, adminA, 'GET', `/api/teachers/${teacherId}/qualifications`)).body.items;
    expect(restored.map((q: { status: string }) => q.status)).toEqual(['valid']);

    // An explicit disqualification by the regulator, with a reason; audited both ways.
    expect((await call(p, adminA, 'POST', `/api/teachers/${teacherId}/ban`, { reason: '组织代学' })).status).toBe(403);
    const banned = await call(p, xihu, 'POST', `/api/teachers/${teacherId}/ban`, { reason: '现场检查：代学' });
    expect(banned.status, JSON.stringify(banned.body)).toBe(201);
    const actions = await p.services.infra.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', teacherId)
      .where('action', 'like', 'teacher.ban%')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['teacher.ban_lifted', 'teacher.banned', 'teacher.banned']);
  });

  it('keeps a credit record with a score and its explanation; the regulator records false materials', async () => {
    const institutionShare = (await lineOf(ids[0])).institution_fen;
    expect((await call(p, adminB, 'GET', `/api/institutions/${institutionId}/credit`)).status).toBe(404);
    expect((await call(p, ningbo, 'GET', `/api/institutions/${institutionId}/credit`)).status).toBe(404);
    expect((await call(p, learner, 'GET', `/api/institutions/${institutionId}/credit`)).status).toBe(403);
    const before = (await call(p, adminA, 'GET', `/api/institutions/${institutionId}/credit`)).body;
    const kinds = before.events.map((e: { kind: string; severity: string }) => `${e.kind}:${e.severity}`).sort();
    // Two learner findings (minor), the class (major), the teacher (severe), recovery opened (major when the institution
    // owes a share itself, else minor).
    expect(kinds).toEqual([
      'fraud_confirmed:major',
      'fraud_confirmed:minor',
      'fraud_confirmed:minor',
      'fraud_confirmed:severe',
      `recovery_opened:${institutionShare > 0 ? 'major' : 'minor'}`,
    ]);
    expect(before.score).toBe(100 - (4 + 4 + 12 + 30 + (institutionShare > 0 ? 12 : 4)));
    expect(before.score).toBe(100 - before.events.reduce((s: number, e: { deducted: number }) => s + e.deducted, 0));
    expect(before.restricted).toBe(before.score < 60);

    const body = { severity: 'major', reason: '申报材料伪造签名' };
    expect(
      (await call(p, adminA, 'POST', `/api/institutions/${institutionId}/credit/false-materials`, body)).status,
    ).toBe(403);
    expect(
      (await call(p, ningbo, 'POST', `/api/institutions/${institutionId}/credit/false-materials`, body)).status,
    ).toBe(404);
    expect(
      (
        await call(p, xihu, 'POST', `/api/institutions/${institutionId}/credit/false-materials`, {
          ...body,
          severity: 'x',
        })
      ).status,
    ).toBe(400);
    const recorded = await call(p, xihu, 'POST', `/api/institutions/${institutionId}/credit/false-materials`, {
      ...body,
      severity: 'severe',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.score).toBe(Math.max(0, before.score - 30));
    expect(recorded.body).toMatchObject({ restricted: true, restriction: { since: expect.any(String) } });
    expect(recorded.body.events[0]).toMatchObject({ kind: 'false_materials', reason: '申报材料伪造签名' });
  });

  it('lists restricted institutions publicly; a restricted institution opens no class and its claims are reviewed line by line', async () => {
    const pub = await p.app.inject({ method: 'GET', url: '/api/public/credit-restrictions' });
    expect(pub.statusCode).toBe(200);
    const items = pub.json().items as { institutionId: string; since: string; until: string }[];
    expect(items.map((i) => i.institutionId)).toEqual([institutionId]);
    expect(items[0].since <= items[0].until).toBe(true);

    const draft = await insertClass(p, { status: 'draft' });
    const prechecks = (await call(p, adminA, 'GET', `/api/classes/${draft}/prechecks`)).body.items;
    expect(prechecks[0]).toMatchObject({ key: 'institution_credit', passed: false, reason: 'restricted' });

    const second = await insertClass(p, { status: 'approved', name: '第二期', occupationCode: '4-10-01-05' });
    await enrolDirectly(p, second, [ids[2], ids[3]]);
    const claim = await call(p, adminA, 'POST', `/api/subsidies/classes/${second}/claims`, {
      enterpriseCostFen: 50_000,
    });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    expect(claim.body.claim.strictReview).toBe(true);
    const strictId = claim.body.claim.id;
    const lineIds = claim.body.claim.lines
      .filter((l: { status: string }) => l.status === 'pending')
      .map((l: { id: string }) => l.id);
    expect(lineIds.length, 'two payable lines').toBe(2);
    expect((await call(p, xihu, 'POST', `/api/subsidies/claims/${strictId}/approve`, {})).body.error.code).toBe(
      'SUBSIDY_STRICT_REVIEW',
    );
    expect(
      (await call(p, xihu, 'POST', `/api/subsidies/claims/${strictId}/approve`, { lineIds })).body.error.code,
    ).toBe('SUBSIDY_STRICT_REVIEW');
    const one = await call(p, xihu, 'POST', `/api/subsidies/claims/${strictId}/approve`, { lineIds: [lineIds[0]] });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
  });
  it('marks an order past its due date overdue once, on the credit record of the institution that owes it', async () => {
    const open = await insertOrder(ids[2], 'institution', 86_400_000);
    expect(await p.services.subsidyRecovery.markOverdue()).toBe(0);
    p.clock.advance(2 * 86_400_000);
    expect(await p.services.subsidyRecovery.markOverdue()).toBe(1);
    expect(await p.services.subsidyRecovery.markOverdue()).toBe(0);
    const events = await p.services.infra.db
      .selectFrom('institution_credit_events')
      .select(['kind', 'severity'])
      .where('ref_id', '=', open)
      .execute();
    expect(events).toEqual([{ kind: 'recovery_overdue', severity: 'severe' }]);
    const history = await p.services.infra.db
      .selectFrom('subsidy_recovery_events')
      .select('action')
      .where('order_id', '=', open)
      .execute();
    expect(history).toEqual([{ action: 'overdue' }]);
  });
});
